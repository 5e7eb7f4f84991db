package io.pinpush.tags;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which store answers for the tags of each kind of resource. Apps, segments, templates and campaigns register at
 * start-up (Pinpush's composition root); a kind nobody registered has no resources to tag.
 */
public final class TaggableResources {

    private final Map<ResourceArn.ResourceType, TaggableResource> byType = new EnumMap<>(ResourceArn.ResourceType.class);

    public TaggableResources register(ResourceArn.ResourceType type, TaggableResource resource) {
        if (byType.putIfAbsent(type, resource) != null) {
            throw new IllegalStateException("Tags of " + type + " are already registered");
        }
        return this;
    }

    Optional<TaggableResource> of(ResourceArn.ResourceType type) {
        return Optional.ofNullable(byType.get(type));
    }
}
