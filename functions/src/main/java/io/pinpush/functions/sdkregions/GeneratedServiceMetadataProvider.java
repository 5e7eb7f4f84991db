package io.pinpush.functions.sdkregions;

import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.ServiceMetadataProvider;

/**
 * Stands in for the AWS SDK class of the same name in the Lambda jar only: the shade plugin moves this package to
 * {@code software.amazon.awssdk.regions} and leaves the SDK's own class out.
 *
 * <p>Why: every SDK client build asks {@code ServiceMetadata.of(prefix)} for its signing region, and the SDK's
 * provider answers from a table whose static initializer creates the metadata of all of AWS's ~310 services, one
 * class each, for the one it is asked about. That was about 320 classes and a tenth of a second of every cold
 * start. This one creates the asked-for service's metadata on first request and keeps it; the answers are the same.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    private final MetadataClasses<String, ServiceMetadata> metadata =
            new MetadataClasses<>(ServiceMetadata.class, GeneratedServiceMetadataProvider::className);

    /** Public and without arguments: the SDK's {@code MetadataLoader} creates it so. */
    public GeneratedServiceMetadataProvider() {
    }

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return metadata.get(endpointPrefix);
    }

    /** The one exception to the naming rule: S3's metadata knows its regional us-east-1 endpoint option. */
    static String className(String endpointPrefix) {
        return "software.amazon.awssdk.regions.servicemetadata." + (endpointPrefix.equals("s3")
                ? "EnhancedS3ServiceMetadata" : MetadataClasses.pascalCase(endpointPrefix) + "ServiceMetadata");
    }
}
