package io.pinpush.functions.sdkregions;

import java.util.Optional;

/**
 * Finds one of the AWS SDK's generated metadata classes by name, so that only the metadata a function uses is loaded.
 * The SDK names them after the service's endpoint prefix or the region's id in PascalCase ({@code access-analyzer}
 * is {@code AccessAnalyzerServiceMetadata}, {@code us-east-1} is {@code UsEast1}); {@code SdkRegionMetadataTest}
 * checks every name against the SDK's own tables, so an SDK upgrade that breaks the rule fails the build.
 */
final class MetadataClasses {

    private MetadataClasses() {
    }

    /** {@code api.ecr} and {@code us-gov-west-1} become {@code ApiEcr} and {@code UsGovWest1}. */
    static String pascalCase(String id) {
        StringBuilder name = new StringBuilder(id.length());
        for (String word : id.split("[-._]")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return name.toString();
    }

    /** A new instance of the named class, or empty when the SDK has no such class (an id it does not know). */
    static <T> Optional<T> instance(String className, Class<T> type) {
        try {
            Class<?> found = Class.forName(className, true, MetadataClasses.class.getClassLoader());
            return Optional.of(type.cast(found.getConstructor().newInstance()));
        } catch (ClassNotFoundException unknown) {
            return Optional.empty();
        } catch (ReflectiveOperationException broken) {
            throw new IllegalStateException("cannot create the AWS SDK's " + className, broken);
        }
    }
}
