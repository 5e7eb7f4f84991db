package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import org.junit.jupiter.api.Test;

class DestinationTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/service-role/pinpoint-events";

    @Test
    void kinesisAndFirehoseArnsNameTheirStreamAndRegion() {
        assertThat(Destination.fromStreamArn("arn:aws:kinesis:eu-west-1:123456789012:stream/my.events_1", ROLE))
                .isEqualTo(new Destination(Destination.Kind.KINESIS, "my.events_1", "eu-west-1", ROLE));
        assertThat(Destination.fromStreamArn("arn:aws-cn:firehose:cn-north-1:123456789012:deliverystream/to-s3", ROLE))
                .isEqualTo(new Destination(Destination.Kind.FIREHOSE, "to-s3", "cn-north-1", ROLE));
    }

    @Test
    void anythingElseIsABadRequest() {
        for (String arn : new String[] {"", "stream/x", "arn:aws:kinesis:us-east-1:123456789012:stream/",
                "arn:aws:kinesis:us-east-1:123456789012:deliverystream/x",
                "arn:aws:firehose:us-east-1:123456789012:stream/x", "arn:aws:s3:::bucket",
                "arn:aws:kinesis:us-east-1:123456789012:stream/" + "x".repeat(129)}) {
            assertThatThrownBy(() -> Destination.fromStreamArn(arn, ROLE)).as(arn)
                    .isInstanceOf(ApiError.class).hasMessageContaining("DestinationStreamArn");
        }
        assertThatThrownBy(() -> Destination.fromStreamArn("arn:aws:kinesis:us-east-1:123456789012:stream/x",
                "arn:aws:iam::123456789012:policy/p"))
                .isInstanceOf(ApiError.class).hasMessageContaining("RoleArn");
    }
}
