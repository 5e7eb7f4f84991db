package io.pinpush.segments;

import java.util.List;
import java.util.function.Predicate;

/** ALL, ANY or NONE: how Pinpoint combines several criteria (Include, SourceType, Type). */
public enum Quantifier {
    ALL, ANY, NONE;

    <T> boolean test(List<T> items, Predicate<T> predicate) {
        return switch (this) {
            case ALL -> items.stream().allMatch(predicate);
            case ANY -> items.stream().anyMatch(predicate);
            case NONE -> items.stream().noneMatch(predicate);
        };
    }
}
