package io.pinpush.templates;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.TagType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DateFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The helpers Pinpoint documents for message templates ("Using message template helpers" in the Pinpoint user
 * guide), with Pinpoint's names and arguments: conditional ({@code and eq gt gte lt lte neq not or}), string
 * ({@code abbreviate capitalize capitalizeFirst center cut dateFormat defaultIfEmpty inflect join ljust lower now
 * ordinalize replace rjust slugify stripTags substring upper yesno}) and math and encoding ({@code add ceiling
 * decode64 divide encode64 floor md5 modulo multiply round sha256 sha512 subtract uuid}). Handlebars' own
 * {@code if unless each with lookup} and inline partials come with Handlebars.java.
 *
 * <p>Every helper treats a missing variable as empty and never throws on data it cannot use (a date it cannot
 * parse, text where a number belongs): it renders empty instead, because a template renders once per endpoint
 * and one endpoint's odd attribute must not fail a send. Comparisons are numeric when both sides are numbers
 * (attribute values are strings: {@code {{gt User.UserAttributes.Age.[0] "17"}}} compares 9 and 17 as numbers).
 * Literal words are quoted as in Handlebars.js ({@code {{inflect 3 "apple" "apples"}}}).
 */
final class PinpointHelpers {

    private static final Map<String, Integer> DATE_STYLES = Map.of(
            "full", DateFormat.FULL, "long", DateFormat.LONG, "medium", DateFormat.MEDIUM, "short", DateFormat.SHORT);
    private static final Pattern TAGS = Pattern.compile("<[^>]*>", Pattern.DOTALL);
    private static final int DIVISION_SCALE = 8;

    private PinpointHelpers() {
    }

    static void registerOn(Handlebars handlebars, Clock clock) {
        registerConditionals(handlebars);
        registerStrings(handlebars);
        registerDates(handlebars, clock);
        registerMath(handlebars);
        // An unknown helper ({{frobnicate x}}) renders empty, like a missing variable, instead of failing the send.
        handlebars.registerHelperMissing((Object context, Options options) -> "");
    }

    // ---- conditionals: {{#eq a b}}..{{else}}..{{/eq}} or {{eq a b yes='y' no='n'}} ----

    private static void registerConditionals(Handlebars handlebars) {
        condition(handlebars, "eq", (a, o) -> same(a, o.param(0, null)));
        condition(handlebars, "neq", (a, o) -> !same(a, o.param(0, null)));
        condition(handlebars, "gt", (a, o) -> compare(a, o.param(0, null), c -> c > 0));
        condition(handlebars, "gte", (a, o) -> compare(a, o.param(0, null), c -> c >= 0));
        condition(handlebars, "lt", (a, o) -> compare(a, o.param(0, null), c -> c < 0));
        condition(handlebars, "lte", (a, o) -> compare(a, o.param(0, null), c -> c <= 0));
        condition(handlebars, "not", (a, o) -> Handlebars.Utils.isEmpty(a));
        condition(handlebars, "and", (a, o) -> {
            boolean all = !Handlebars.Utils.isEmpty(a);
            for (Object param : o.params) all &= !Handlebars.Utils.isEmpty(param);
            return all;
        });
        condition(handlebars, "or", (a, o) -> {
            boolean any = !Handlebars.Utils.isEmpty(a);
            for (Object param : o.params) any |= !Handlebars.Utils.isEmpty(param);
            return any;
        });
    }

    private static void condition(Handlebars handlebars, String name, BiFunction<Object, Options, Boolean> test) {
        handlebars.registerHelper(name, (Object context, Options options) -> {
            boolean result = test.apply(context, options);
            if (options.tagType == TagType.SECTION) {
                return result ? options.fn() : options.inverse();
            }
            return result ? options.hash("yes", true) : options.hash("no", false);
        });
    }

    private static boolean same(Object a, Object b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return text(a).equals(text(b));
    }

    private static boolean compare(Object a, Object b, IntPredicate accept) {
        if (a == null || b == null) {
            return false;
        }
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return accept.test(x != null && y != null ? x.compareTo(y) : text(a).compareTo(text(b)));
    }

    // ---- strings: {{upper value}}; a missing value renders empty ----

    private static void registerStrings(Handlebars handlebars) {
        string(handlebars, "lower", (s, o) -> s.toLowerCase(Locale.ROOT));
        string(handlebars, "upper", (s, o) -> s.toUpperCase(Locale.ROOT));
        string(handlebars, "capitalizeFirst", (s, o) -> s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1));
        string(handlebars, "capitalize", (s, o) -> capitalizeWords(s, Boolean.TRUE.equals(o.hash("fully", false))));
        string(handlebars, "abbreviate", (s, o) -> {
            Integer width = integer(o.param(0, null));
            if (width == null || s.length() <= width) return s;
            return width <= 3 ? s.substring(0, Math.max(width, 0)) : s.substring(0, width - 3) + "...";
        });
        string(handlebars, "center", (s, o) -> pad(s, size(o), text(o.hash("pad", " ")), 0.5));
        string(handlebars, "ljust", (s, o) -> pad(s, size(o), text(o.hash("pad", " ")), 0));
        string(handlebars, "rjust", (s, o) -> pad(s, size(o), text(o.hash("pad", " ")), 1));
        string(handlebars, "cut", (s, o) -> {
            String cut = text(o.param(0, " "));
            return cut.isEmpty() ? s : s.replace(cut, "");
        });
        string(handlebars, "replace", (s, o) -> {
            String target = text(o.param(0, null));
            return target.isEmpty() ? s : s.replace(target, text(o.param(1, null)));
        });
        string(handlebars, "substring", (s, o) -> {
            Integer start = integer(o.param(0, null));
            Integer end = integer(o.param(1, null));
            int from = clamp(start == null ? 0 : start, s.length());
            int to = clamp(end == null ? s.length() : end, s.length());
            return from >= to ? "" : s.substring(from, to);
        });
        string(handlebars, "slugify", (s, o) -> {
            StringBuilder slug = new StringBuilder();
            for (char c : s.strip().toLowerCase(Locale.ROOT).toCharArray()) {
                if (Character.isLetterOrDigit(c) || c == '_' || c == '-') slug.append(c);
                else if (Character.isWhitespace(c)) slug.append('-');
            }
            return slug.toString();
        });
        string(handlebars, "stripTags", (s, o) -> TAGS.matcher(s).replaceAll(""));
        handlebars.registerHelper("defaultIfEmpty", (Object context, Options options) ->
                Handlebars.Utils.isEmpty(context) ? text(options.param(0, "")) : text(context));
        handlebars.registerHelper("join", (Object context, Options options) -> {
            if (Handlebars.Utils.isEmpty(context) || options.params.length == 0) return "";
            String separator = text(options.param(options.params.length - 1));
            List<String> values = new ArrayList<>();
            if (context instanceof Iterable<?> iterable) {
                iterable.forEach(value -> values.add(text(value)));
            } else {
                values.add(text(context));
                for (int i = 0; i < options.params.length - 1; i++) values.add(text(options.params[i]));
            }
            return text(options.hash("prefix", "")) + String.join(separator, values) + text(options.hash("suffix", ""));
        });
        handlebars.registerHelper("yesno", (Object context, Options options) -> {
            String value = text(context).strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true" -> options.hash("yes", "yes");
                case "false" -> options.hash("no", "no");
                default -> options.hash("maybe", "maybe");
            };
        });
        handlebars.registerHelper("inflect", (Object context, Options options) -> {
            BigDecimal count = number(context);
            if (count == null) return "";
            String word = text(options.param(count.compareTo(BigDecimal.ONE) == 0 ? 0 : 1, ""));
            return Boolean.TRUE.equals(options.hash("includeCount", false)) ? plain(count) + " " + word : word;
        });
        handlebars.registerHelper("ordinalize", (Object context, Options options) -> {
            BigDecimal number = number(context);
            if (number == null || number.stripTrailingZeros().scale() > 0) return "";
            long n = number.longValueExact();
            long lastTwo = Math.abs(n) % 100;
            String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch ((int) (Math.abs(n) % 10)) {
                case 1 -> "st";
                case 2 -> "nd";
                case 3 -> "rd";
                default -> "th";
            };
            return n + suffix;
        });
    }

    private static void string(Handlebars handlebars, String name, BiFunction<String, Options, String> function) {
        handlebars.registerHelper(name, (Object context, Options options) -> {
            String value = text(context);
            return value.isEmpty() ? "" : function.apply(value, options);
        });
    }

    private static String capitalizeWords(String s, boolean fully) {
        StringBuilder out = new StringBuilder(s.length());
        boolean wordStart = true;
        for (char c : s.toCharArray()) {
            if (Character.isWhitespace(c)) {
                wordStart = true;
                out.append(c);
            } else {
                out.append(wordStart ? Character.toTitleCase(c) : fully ? Character.toLowerCase(c) : c);
                wordStart = false;
            }
        }
        return out.toString();
    }

    /** {@code {{ljust value 20}}} as Pinpoint documents it, or {@code size=20} as Handlebars.java spells it. */
    private static int size(Options options) {
        Integer size = integer(options.param(0, options.hash("size")));
        return size == null ? 0 : size;
    }

    /** Pads to {@code size} characters; {@code leftShare} 0 pads on the right, 1 on the left, 0.5 on both sides. */
    private static String pad(String s, int size, String pad, double leftShare) {
        int missing = size - s.length();
        if (missing <= 0 || pad.isEmpty()) {
            return s;
        }
        int left = (int) Math.floor(missing * leftShare);
        return repeat(pad, left) + s + repeat(pad, missing - left);
    }

    private static String repeat(String pad, int length) {
        return pad.repeat(length / pad.length() + 1).substring(0, length);
    }

    // ---- dates: {{dateFormat date inputFormat="MM/dd/yyyy" outputFormat="full" tz=America/Los_Angeles}}, {{now "short"}} ----

    private static void registerDates(Handlebars handlebars, Clock clock) {
        handlebars.registerHelper("dateFormat", (Object context, Options options) -> {
            TimeZone zone = zone(options);
            Date date = parseDate(text(context).strip(), options.hash("inputFormat"), zone);
            Object format = options.hash("outputFormat", options.param(0, options.hash("format", "medium")));
            return date == null ? "" : formatDate(date, text(format), zone, options);
        });
        handlebars.registerHelper("now", (Object context, Options options) -> {
            // {{now}} passes the whole scope as context; only a string is a format.
            String format = context instanceof CharSequence ? context.toString() : text(options.hash("format", "medium"));
            return formatDate(Date.from(clock.instant()), format, zone(options), options);
        });
    }

    private static TimeZone zone(Options options) {
        Object tz = options.hash("tz");
        if (tz == null || text(tz).isBlank()) {
            return TimeZone.getTimeZone(ZoneOffset.UTC);
        }
        try {
            return TimeZone.getTimeZone(ZoneId.of(text(tz).strip()));
        } catch (RuntimeException unknownZone) {
            return TimeZone.getTimeZone(ZoneOffset.UTC);
        }
    }

    /** A date in the given pattern, else ISO-8601 (instant, date-time or date) or epoch milliseconds; null if neither. */
    private static Date parseDate(String value, Object inputFormat, TimeZone zone) {
        if (value.isEmpty()) {
            return null;
        }
        if (inputFormat != null) {
            try {
                SimpleDateFormat format = new SimpleDateFormat(text(inputFormat), Locale.US);
                format.setLenient(false);
                format.setTimeZone(zone);
                ParsePosition position = new ParsePosition(0);
                Date date = format.parse(value, position);
                return position.getIndex() == value.length() ? date : null;
            } catch (IllegalArgumentException badPattern) {
                return null;
            }
        }
        ZoneId zoneId = zone.toZoneId();
        List<Function<String, Instant>> parsers = List.of(
                Instant::parse,
                v -> OffsetDateTime.parse(v).toInstant(),
                v -> LocalDateTime.parse(v).atZone(zoneId).toInstant(),
                v -> LocalDate.parse(v).atStartOfDay(zoneId).toInstant(),
                v -> Instant.ofEpochMilli(Long.parseLong(v)));
        for (Function<String, Instant> parser : parsers) {
            try {
                return Date.from(parser.apply(value));
            } catch (RuntimeException notThisForm) {
                // try the next form
            }
        }
        return null;
    }

    private static String formatDate(Date date, String format, TimeZone zone, Options options) {
        Locale locale = Locale.forLanguageTag(text(options.hash("locale", "en-US")).replace('_', '-'));
        try {
            Integer style = DATE_STYLES.get(format);
            DateFormat dateFormat = style != null ? DateFormat.getDateInstance(style, locale)
                    : new SimpleDateFormat(format, locale);
            dateFormat.setTimeZone(zone);
            return dateFormat.format(date);
        } catch (IllegalArgumentException badPattern) {
            return "";
        }
    }

    // ---- math and encoding: {{add 5 2.3}}, {{sha256 "text"}}, {{uuid}} ----

    private static void registerMath(Handlebars handlebars) {
        arithmetic(handlebars, "add", BigDecimal::add);
        arithmetic(handlebars, "subtract", BigDecimal::subtract);
        arithmetic(handlebars, "multiply", BigDecimal::multiply);
        arithmetic(handlebars, "divide", (a, b) -> b.signum() == 0 ? null
                : a.divide(b, DIVISION_SCALE, RoundingMode.HALF_UP));
        arithmetic(handlebars, "modulo", (a, b) -> b.signum() == 0 ? null : a.remainder(b));
        rounding(handlebars, "ceiling", RoundingMode.CEILING);
        rounding(handlebars, "floor", RoundingMode.FLOOR);
        rounding(handlebars, "round", RoundingMode.HALF_UP);
        string(handlebars, "encode64", (s, o) -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        string(handlebars, "decode64", (s, o) -> {
            try {
                return new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return "";
            }
        });
        string(handlebars, "md5", (s, o) -> digest("MD5", s));
        string(handlebars, "sha256", (s, o) -> digest("SHA-256", s));
        string(handlebars, "sha512", (s, o) -> digest("SHA-512", s));
        handlebars.registerHelper("uuid", (Object context, Options options) -> UUID.randomUUID().toString());
    }

    private static void arithmetic(Handlebars handlebars, String name, BinaryOperator<BigDecimal> operation) {
        handlebars.registerHelper(name, (Object context, Options options) -> {
            BigDecimal a = number(context);
            BigDecimal b = number(options.param(0, null));
            BigDecimal result = a == null || b == null ? null : operation.apply(a, b);
            return result == null ? "" : plain(result);
        });
    }

    private static void rounding(Handlebars handlebars, String name, RoundingMode mode) {
        handlebars.registerHelper(name, (Object context, Options options) -> {
            BigDecimal value = number(context);
            return value == null ? "" : plain(value.setScale(0, mode));
        });
    }

    private static String digest(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK always has " + algorithm, e);
        }
    }

    // ---- values as helpers see them ----

    /** A value as text: attribute lists as {@link AttributeValues#toString()}, numbers without trailing zeros. */
    static String text(Object value) {
        if (value == null || value instanceof Map) {
            return "";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal number = number(value);
            return number == null ? value.toString() : plain(number);
        }
        return value.toString();
    }

    /** A value as a number, or null when it is not one. */
    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value == null || value instanceof Map || value instanceof Boolean) {
            return null;
        }
        String s = value.toString().strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Integer integer(Object value) {
        BigDecimal number = number(value);
        return number == null ? null : number.intValue();
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    private static int clamp(int index, int length) {
        return Math.max(0, Math.min(index, length));
    }
}
