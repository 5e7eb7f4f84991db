package io.pinpush.tags;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The tags of one kind of resource, as its own store keeps them. A kind registers with {@link TaggableResources};
 * TagResource, UntagResource and ListTagsForResource then work on it without knowing how it is stored.
 */
public interface TaggableResource {

    /** How one conditional tag write went. */
    enum TagWrite { WRITTEN, CHANGED_MEANWHILE, NOT_FOUND }

    /** The resource's tags (an empty map when it has none), or empty when there is no such resource. */
    Optional<Map<String, String>> tags(ResourceArn arn);

    /**
     * One attempt at changing the tags: reads the resource, applies {@code change} to its tags (an empty map when it
     * has none; the result may be null for none), and writes the result conditional on the resource being unchanged
     * since that read. {@code change} may throw (a limit exceeded) before anything is written.
     */
    TagWrite changeTags(ResourceArn arn, UnaryOperator<Map<String, String>> change);

    /**
     * Tags kept on a stored record of type {@code T}: {@code read} finds it, {@code withTags} makes a copy with other
     * tags, {@code replaceIfUnchanged(seen, updated)} writes the copy provided the stored record still is {@code seen}.
     */
    static <T> TaggableResource stored(Function<ResourceArn, Optional<T>> read, Function<T, Map<String, String>> tagsOf,
                                       BiFunction<T, Map<String, String>, T> withTags,
                                       BiPredicate<T, T> replaceIfUnchanged) {
        return new StoredTags<>(read, tagsOf, withTags, replaceIfUnchanged);
    }
}
