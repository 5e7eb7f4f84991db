package io.pinpush.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What botocore and the AWS SDK for Java v2 sign for a non-S3 service, byte for byte. */
class CanonicalRequestTest {

    @Test
    void thePathIsEncodedASecondTime() {
        assertThat(CanonicalRequest.uri("/v1/tags/arn%3Aaws%3Amobiletargeting%3Aus-east-1%3A1%3Aapps%2Fa1"))
                .isEqualTo("/v1/tags/arn%253Aaws%253Amobiletargeting%253Aus-east-1%253A1%253Aapps%252Fa1");
        assertThat(CanonicalRequest.uri("/v1/apps/a1/endpoints/device%201")).isEqualTo("/v1/apps/a1/endpoints/device%25201");
        assertThat(CanonicalRequest.uri("")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("/v1/apps/")).isEqualTo("/v1/apps/");
        assertThat(CanonicalRequest.uri("/v1//apps/./x/../a1")).isEqualTo("/v1/apps/a1");
        assertThat(CanonicalRequest.uri("/v1/apps/é~_-.")).isEqualTo("/v1/apps/%C3%A9~_-.");
    }

    @Test
    void queryParametersAreSortedByNameThenValueAndEmptyValuesKeepTheirEqualsSign() {
        assertThat(CanonicalRequest.query("b=2&a=1&a=&c&A=0")).isEqualTo("A=0&a=&a=1&b=2&c=");
        assertThat(CanonicalRequest.query("tagKeys=a%20b&tagKeys=a+b")).isEqualTo("tagKeys=a%20b&tagKeys=a%2Bb");
        assertThat(CanonicalRequest.query("k=%7e%2F")).isEqualTo("k=~%2F");
        assertThat(CanonicalRequest.query("")).isEmpty();
        assertThat(CanonicalRequest.query("k=100%")).as("a stray percent sign is a literal").isEqualTo("k=100%25");
    }

    @Test
    void aPathApiGatewayDecodedIsReEncodedAsTheSdksEncodedIt() {
        String sent = CanonicalRequest.uri("/v1/tags/arn%3Aaws%3Amobiletargeting%3Aus-east-1%3A1%3Aapps%2Fa1");
        assertThat(CanonicalRequest.uris("/v1/tags/arn:aws:mobiletargeting:us-east-1:1:apps/a1")).contains(sent);
        assertThat(CanonicalRequest.uris("/v1/apps/a1/endpoints/device 1"))
                .contains(CanonicalRequest.uri("/v1/apps/a1/endpoints/device%201"));
        assertThat(CanonicalRequest.uris("/v1/apps/a1")).as("nothing to re-encode").hasSize(1);
    }
}
