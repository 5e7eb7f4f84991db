package io.pinpush.endpoints;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** RemoveAttributes' Blacklist entries: exact names, or glob patterns with {@code *} and {@code ?}. */
final class Globs {

    private Globs() {
    }

    /** Matches a name that equals, or matches the glob of, any of {@code patterns}. */
    static Predicate<String> anyOf(List<String> patterns) {
        Pattern pattern = Pattern.compile(patterns.stream().map(Globs::regex).collect(Collectors.joining("|")),
                Pattern.DOTALL);
        return name -> pattern.matcher(name).matches();
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder("(?:");
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.append(')').toString();
    }
}
