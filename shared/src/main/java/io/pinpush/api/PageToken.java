package io.pinpush.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a store's continuation key (string attributes only) as an opaque, URL-safe token.
 * A token that was not made here is a client mistake, never a server error.
 */
public final class PageToken {

    private static final TypeReference<Map<String, String>> KEY = new TypeReference<>() { };

    private PageToken() {
    }

    public static String encode(Map<String, String> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(key).getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, String> decode(String token) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            Map<String, String> key = Json.mapper().readValue(json, KEY);
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (Exception e) {
            throw invalid();
        }
    }

    /**
     * A token of a listing of one partition's items ({@code pk}) whose sort keys start with {@code skPrefix}; another
     * listing's token (which DynamoDB would refuse as a 500, or worse, follow) is a 400.
     */
    public static Map<String, String> decodeWithin(String token, String pk, String skPrefix) {
        Map<String, String> key = decode(token);
        String sk = key.get("sk");
        if (key.size() != 2 || !pk.equals(key.get("pk")) || sk == null || !sk.startsWith(skPrefix)) {
            throw invalid();
        }
        return key;
    }

    /**
     * A token of a listing through an index whose partition key {@code indexPk} is {@code partition}: the item's
     * key and the index's key, so exactly the names {@code pk}, {@code sk}, {@code indexPk} and {@code indexSk}.
     * Another listing's token is a 400, as for {@link #decodeWithin}.
     */
    public static Map<String, String> decodeInIndex(String token, String indexPk, String indexSk, String partition) {
        Map<String, String> key = decode(token);
        if (!key.keySet().equals(Set.of("pk", "sk", indexPk, indexSk)) || !partition.equals(key.get(indexPk))) {
            throw invalid();
        }
        return key;
    }

    /** The one answer to a token this listing did not make. */
    public static ApiError invalid() {
        return ApiError.badRequest("The pagination token is not valid: use the NextToken of a previous response");
    }
}
