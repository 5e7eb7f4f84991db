package io.pinpush.templates;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A Pinpoint attribute's values (attributes are always lists) as a template sees them: {@code {{Attributes.Color}}}
 * prints a single value as itself and several values joined with ", ", while {@code {{Attributes.Color.[0]}}},
 * {@code {{#each Attributes.Color}}} and {@code {{join Attributes.Color " / "}}} still see the list.
 */
final class AttributeValues extends AbstractList<String> implements RandomAccess {

    static final String SEPARATOR = ", ";

    private final List<String> values;

    AttributeValues(List<String> values) {
        this.values = List.copyOf(values.stream().map(v -> v == null ? "" : v).toList());
    }

    @Override
    public String get(int index) {
        return values.get(index);
    }

    @Override
    public int size() {
        return values.size();
    }

    /** The single value of a one-value list, the joined values otherwise: what helpers comparing text see. */
    @Override
    public String toString() {
        return values.size() == 1 ? values.get(0) : String.join(SEPARATOR, values);
    }
}
