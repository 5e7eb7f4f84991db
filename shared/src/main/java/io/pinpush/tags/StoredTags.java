package io.pinpush.tags;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The usual {@link TaggableResource}: tags kept on a stored record, changed by writing the record back conditional
 * on it being the one read.
 *
 * @param <T> the stored record (an app, a segment head, a template head)
 */
final class StoredTags<T> implements TaggableResource {

    private final Function<ResourceArn, Optional<T>> read;
    private final Function<T, Map<String, String>> tagsOf;
    private final BiFunction<T, Map<String, String>, T> withTags;
    private final BiPredicate<T, T> replaceIfUnchanged;

    StoredTags(Function<ResourceArn, Optional<T>> read, Function<T, Map<String, String>> tagsOf,
               BiFunction<T, Map<String, String>, T> withTags, BiPredicate<T, T> replaceIfUnchanged) {
        this.read = read;
        this.tagsOf = tagsOf;
        this.withTags = withTags;
        this.replaceIfUnchanged = replaceIfUnchanged;
    }

    @Override
    public Optional<Map<String, String>> tags(ResourceArn arn) {
        return read.apply(arn).map(this::tagsOrEmpty);
    }

    @Override
    public TagWrite changeTags(ResourceArn arn, UnaryOperator<Map<String, String>> change) {
        Optional<T> stored = read.apply(arn);
        if (stored.isEmpty()) {
            return TagWrite.NOT_FOUND;
        }
        T seen = stored.get();
        T updated = withTags.apply(seen, change.apply(tagsOrEmpty(seen)));
        return replaceIfUnchanged.test(seen, updated) ? TagWrite.WRITTEN : TagWrite.CHANGED_MEANWHILE;
    }

    private Map<String, String> tagsOrEmpty(T record) {
        Map<String, String> tags = tagsOf.apply(record);
        return tags == null ? Map.of() : tags;
    }
}
