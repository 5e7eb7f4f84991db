package io.pinpush.functions.sdkregions;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.RegionMetadataProvider;

/**
 * Stands in for the AWS SDK class of the same name in the Lambda jar only, as {@link GeneratedServiceMetadataProvider}
 * does: the SDK's creates the metadata of every region (about 50 classes) when the first client is built; this one
 * creates a region's on first request.
 */
public final class GeneratedRegionMetadataProvider implements RegionMetadataProvider {

    private final MetadataClasses<Region, RegionMetadata> metadata = new MetadataClasses<>(RegionMetadata.class,
            region -> "software.amazon.awssdk.regions.regionmetadata." + MetadataClasses.pascalCase(region.id()));

    /** Public and without arguments: the SDK's {@code MetadataLoader} creates it so. */
    public GeneratedRegionMetadataProvider() {
    }

    @Override
    public RegionMetadata regionMetadata(Region region) {
        return region == null ? null : metadata.get(region);
    }
}
