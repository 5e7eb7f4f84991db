package io.pinpush.functions.sdkregions;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The AWS SDK's generated metadata objects of one kind (a service's, a region's), each created on its first request
 * and kept, so that only the metadata a function uses is loaded. The SDK names the classes after the service's
 * endpoint prefix or the region's id in PascalCase ({@code access-analyzer} is {@code AccessAnalyzerServiceMetadata},
 * {@code us-east-1} is {@code UsEast1}); {@code SdkRegionMetadataTest} checks every name against the SDK's own
 * tables, so an SDK upgrade that breaks the rule fails the build.
 *
 * @param <K> what the SDK asks by (an endpoint prefix, a region)
 * @param <V> the metadata type
 */
final class MetadataClasses<K, V> {

    private final Class<V> type;
    private final Function<K, String> className;
    private final ConcurrentMap<K, Optional<V>> created = new ConcurrentHashMap<>();

    /** @param className the fully qualified name of the SDK class that holds {@code key}'s metadata */
    MetadataClasses(Class<V> type, Function<K, String> className) {
        this.type = type;
        this.className = className;
    }

    /** {@code key}'s metadata, or null when the SDK has no class for it (an id it does not know), as the SDK answers. */
    V get(K key) {
        return created.computeIfAbsent(key, k -> instance(className.apply(k))).orElse(null);
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

    private Optional<V> instance(String name) {
        try {
            Class<?> found = Class.forName(name, true, MetadataClasses.class.getClassLoader());
            return Optional.of(type.cast(found.getConstructor().newInstance()));
        } catch (ClassNotFoundException unknown) {
            return Optional.empty();
        } catch (ReflectiveOperationException broken) {
            throw new IllegalStateException("cannot create the AWS SDK's " + name, broken);
        }
    }
}
