package io.pinpush.access;

import io.pinpush.api.ApiRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SigV4 canonical request of a call as it arrived, built the way the AWS SDKs build it for a service other
 * than S3 (botocore, the AWS CLI v1, boto3 and the AWS SDK for Java v2 agree):
 * <ul>
 *   <li>the path is the one on the wire (already percent-encoded once by the client), with dot segments and empty
 *       segments removed, then URI-encoded <em>again</em>: {@code %3A} in a tag ARN is signed as {@code %253A}</li>
 *   <li>query parameters are decoded, re-encoded with only {@code A-Z a-z 0-9 - _ . ~} left as they are, and
 *       sorted by name, then value; a parameter without a value is signed as {@code name=}</li>
 *   <li>the signed headers, lower-case and sorted, values trimmed with inner runs of spaces collapsed</li>
 * </ul>
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String of(ApiRequest request, String canonicalUri, List<String> signedHeaders, String payloadHash) {
        StringBuilder canonical = new StringBuilder()
                .append(request.method().toUpperCase(Locale.ROOT)).append('\n')
                .append(canonicalUri).append('\n')
                .append(query(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            canonical.append(name).append(':').append(headerValue(request.headers(), name)).append('\n');
        }
        return canonical.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(payloadHash)
                .toString();
    }

    /**
     * The canonical URIs the client may have signed for {@code path}. The local server hands the path over as sent
     * (still percent-encoded); API Gateway's HTTP API hands it over <em>decoded</em> ({@code rawPath} of payload 2.0),
     * so a path with characters an SDK encodes ({@code :} of a tag ARN, a space in an endpoint id) is re-encoded the
     * way the SDKs encode path parameters: each segment, and for {@code /v1/tags/{resource-arn}} the whole ARN as
     * one segment (its slashes were {@code %2F}). At most three candidates; each is checked in constant time.
     */
    static List<String> uris(String path) {
        List<String> candidates = new ArrayList<>();
        candidates.add(uri(path));
        if (path != null && looksDecoded(path)) {
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/", -1)) {
                segments.add(encode(segment, false));
            }
            candidates.add(uri(String.join("/", segments)));
            String tags = "/v1/tags/";
            if (path.startsWith(tags) && path.length() > tags.length()) {
                candidates.add(uri(tags + encode(path.substring(tags.length()), false)));
            }
        }
        return candidates.stream().distinct().toList();
    }

    /** A path holding a character no SDK leaves unencoded in a path (or a '%' that starts no escape) arrived decoded. */
    private static boolean looksDecoded(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
            boolean escape = c == '%' && i + 2 < path.length() && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0;
            if (!plain && !escape) {
                return true;
            }
        }
        return false;
    }

    /** The canonical URI of a path as the client sent it: normalized, then encoded a second time. */
    static String uri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> kept = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else {
                kept.add(segment);
            }
        }
        String normalized = "/" + String.join("/", kept)
                + (rawPath.endsWith("/") && !kept.isEmpty() ? "/" : "");
        return encode(normalized, true);
    }

    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), false), encode(decode(value), false)});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            out.append(out.isEmpty() ? "" : "&").append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static String headerValue(Map<String, String> headers, String name) {
        String value = headers.get(name);
        return value == null ? "" : value.trim().replaceAll(" +", " ");
    }

    /** RFC 3986 encoding of UTF-8 bytes: unreserved characters stay, everything else (and '/' unless kept) is %XX. */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding only: a '+' in a query string is a plus sign to the signers, not a space. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                byte[] raw = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
