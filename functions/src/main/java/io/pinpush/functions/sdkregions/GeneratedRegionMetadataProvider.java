package io.pinpush.functions.sdkregions;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.regions.RegionMetadataProvider;

/**
 * Stands in for the AWS SDK class of the same name in the Lambda jar only, as {@link GeneratedServiceMetadataProvider}
 * does: the SDK's creates the metadata of every region (about 50 classes) when the first client is built; this one
 * creates a region's on first request.
 */
public final class GeneratedRegionMetadataProvider implements RegionMetadataProvider {

    private static final String PACKAGE = "software.amazon.awssdk.regions.regionmetadata.";

    private final ConcurrentMap<Region, Optional<RegionMetadata>> created = new ConcurrentHashMap<>();

    /** Public and without arguments: the SDK's {@code MetadataLoader} creates it so. */
    public GeneratedRegionMetadataProvider() {
    }

    @Override
    public RegionMetadata regionMetadata(Region region) {
        if (region == null) {
            return null;
        }
        return created.computeIfAbsent(region, r ->
                MetadataClasses.instance(PACKAGE + MetadataClasses.pascalCase(r.id()), RegionMetadata.class)).orElse(null);
    }
}
