package io.pinpush.functions.sdkregions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * The Lambda jar's lazy metadata providers answer exactly as the SDK's generated ones do, for every service and
 * region the SDK knows (read from the SDK's own tables, which this test's classpath still has): a new SDK whose
 * class names leave the naming rule fails here, not in a deployed function.
 */
class SdkRegionMetadataTest {

    @Test
    void everyServiceTheSdkKnowsGetsTheSameMetadata() throws Exception {
        Map<String, ServiceMetadata> sdk = sdkTable(software.amazon.awssdk.regions.GeneratedServiceMetadataProvider.class,
                "SERVICE_METADATA");
        GeneratedServiceMetadataProvider lazy = new GeneratedServiceMetadataProvider();

        assertThat(sdk).hasSizeGreaterThan(300).containsKeys("dynamodb", "sqs", "kinesis", "secretsmanager", "s3");
        sdk.forEach((prefix, metadata) -> assertThat(lazy.serviceMetadata(prefix)).as(prefix)
                .isExactlyInstanceOf(metadata.getClass()));
        assertThat(lazy.serviceMetadata("dynamodb").signingRegion(Region.EU_WEST_1)).isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void everyRegionTheSdkKnowsGetsTheSameMetadata() throws Exception {
        Map<Region, RegionMetadata> sdk = sdkTable(software.amazon.awssdk.regions.GeneratedRegionMetadataProvider.class,
                "REGION_METADATA");
        GeneratedRegionMetadataProvider lazy = new GeneratedRegionMetadataProvider();

        assertThat(sdk).hasSizeGreaterThan(30).containsKeys(Region.US_EAST_1, Region.AWS_GLOBAL, Region.US_GOV_WEST_1);
        sdk.forEach((region, metadata) -> {
            assertThat(lazy.regionMetadata(region)).as(region.id()).isExactlyInstanceOf(metadata.getClass());
            assertThat(lazy.regionMetadata(region).partition().id()).isEqualTo(metadata.partition().id());
        });
    }

    @Test
    void whatTheSdkDoesNotKnowHasNoMetadataAsBefore() {
        assertThat(new GeneratedServiceMetadataProvider().serviceMetadata("no-such-service")).isNull();
        assertThat(new GeneratedRegionMetadataProvider().regionMetadata(Region.of("xx-nowhere-1"))).isNull();
        assertThat(new GeneratedRegionMetadataProvider().regionMetadata(null)).isNull();
    }

    @Test
    void metadataIsCreatedOnceAndKept() {
        GeneratedServiceMetadataProvider services = new GeneratedServiceMetadataProvider();
        GeneratedRegionMetadataProvider regions = new GeneratedRegionMetadataProvider();

        assertThat(services.serviceMetadata("sqs")).isSameAs(services.serviceMetadata("sqs"));
        assertThat(regions.regionMetadata(Region.US_EAST_1)).isSameAs(regions.regionMetadata(Region.US_EAST_1));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> sdkTable(Class<?> provider, String field) throws ReflectiveOperationException {
        Field table = provider.getDeclaredField(field);
        table.setAccessible(true);
        return (Map<K, V>) table.get(null);
    }
}
