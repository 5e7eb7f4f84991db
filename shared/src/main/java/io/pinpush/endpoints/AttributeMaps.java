package io.pinpush.endpoints;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The map members of an endpoint (Attributes, Metrics, User.UserAttributes): copies, per-key merges, removals. */
final class AttributeMaps {

    private AttributeMaps() {
    }

    /** An unmodifiable copy in the caller's order (lists copied too), or null for null. */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> copy(Map<String, V> map) {
        if (map == null) {
            return null;
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value instanceof List<?> list ? (V) List.copyOf(list) : value));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Pinpoint's rule: a key in the update replaces that key's stored value; keys not in the update keep theirs.
     * An empty list removes the key (Pinpush's way to drop one attribute of one endpoint). Null when nothing is left,
     * so the member disappears from the JSON.
     */
    static <V> Map<String, V> merge(Map<String, V> stored, Map<String, V> update) {
        if (update == null) {
            return stored;
        }
        Map<String, V> merged = stored == null ? new LinkedHashMap<>() : new LinkedHashMap<>(stored);
        update.forEach((key, value) -> {
            if (value instanceof List<?> list && list.isEmpty()) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return merged.isEmpty() ? null : Collections.unmodifiableMap(merged);
    }

    /**
     * What turns {@code before} into {@code after} as an update for {@link #merge}: the keys {@code after} sets to a
     * new value, and an empty list for each key it dropped. Empty when the two hold the same.
     */
    static Map<String, List<String>> changes(Map<String, List<String>> before, Map<String, List<String>> after) {
        Map<String, List<String>> was = before == null ? Map.of() : before;
        Map<String, List<String>> now = after == null ? Map.of() : after;
        Map<String, List<String>> changes = new LinkedHashMap<>();
        now.forEach((key, value) -> {
            if (!value.equals(was.get(key))) {
                changes.put(key, value);
            }
        });
        was.keySet().stream().filter(key -> !now.containsKey(key)).forEach(key -> changes.put(key, List.of()));
        return changes;
    }

    /** The map without the keys {@code remove} selects; null when nothing is left. */
    static <V> Map<String, V> without(Map<String, V> map, Predicate<String> remove) {
        if (map == null) {
            return null;
        }
        Map<String, V> kept = new LinkedHashMap<>(map);
        kept.keySet().removeIf(remove);
        return kept.isEmpty() ? null : Collections.unmodifiableMap(kept);
    }
}
