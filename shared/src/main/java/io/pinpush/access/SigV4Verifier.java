package io.pinpush.access;

import io.pinpush.api.ApiError;
import io.pinpush.api.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) for service
 * {@value #SERVICE} on a request as it arrived, against the secret of the Pinpush access key it names.
 *
 * <p>Every refusal is a 403 ForbiddenException whose message says what was wrong and nothing more: a missing or
 * malformed signature, a credential scoped to another region or service, a request dated outside the 15-minute
 * window, an unknown or disabled key, a body that does not match its hash, or a signature that does not match.
 * Signatures are compared in constant time.
 */
public final class SigV4Verifier {

    public static final String SERVICE = "mobiletargeting";
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far a request's X-Amz-Date may be from the server's clock either way, as AWS allows. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    /** What the verifier needs to know about a key: whether it may sign, and its secret. */
    public record SigningKey(String accessKeyId, boolean active, String secretAccessKey) {
        @Override
        public String toString() {
            return "SigningKey[" + accessKeyId + ", active=" + active + "]";
        }
    }

    /** Finds a key by its id; empty when no such key exists. */
    @FunctionalInterface
    public interface SigningKeys {
        Optional<SigningKey> find(String accessKeyId);
    }

    private final SigningKeys keys;
    private final String region;
    private final Clock clock;

    public SigV4Verifier(SigningKeys keys, String region, Clock clock) {
        this.keys = keys;
        this.region = region;
        this.clock = clock;
    }

    /** The id of the access key that signed {@code request}, or a ForbiddenException saying why it is refused. */
    public String verify(ApiRequest request) {
        String authorization = request.header("authorization").orElse(null);
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.forbidden("Missing Authentication Token: sign the request with AWS Signature Version 4 "
                    + "for service " + SERVICE + " using a Pinpush access key");
        }
        Authorization auth = Authorization.parse(authorization);
        String amzDate = request.header("x-amz-date").or(() -> request.header("date"))
                .orElseThrow(() -> ApiError.forbidden("Missing X-Amz-Date: the request must carry its signing date"));
        Instant signedAt = parseDate(amzDate);
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(CLOCK_SKEW)) || signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ApiError.forbidden("Signature expired: " + amzDate + " is more than 15 minutes from the server time "
                    + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)));
        }
        if (!auth.date().equals(amzDate.substring(0, 8))) {
            throw ApiError.forbidden("Credential should be scoped to the request date " + amzDate.substring(0, 8)
                    + ", not '" + auth.date() + "'");
        }
        if (!auth.region().equals(region)) {
            throw ApiError.forbidden("Credential should be scoped to a valid region, not '" + auth.region()
                    + "'; this deployment is in " + region);
        }
        if (!auth.service().equals(SERVICE)) {
            throw ApiError.forbidden("Credential should be scoped to service " + SERVICE + ", not '"
                    + auth.service() + "'");
        }
        if (!auth.signedHeaders().contains("host")) {
            throw ApiError.forbidden("The signed headers must include host");
        }
        SigningKey key = keys.find(auth.accessKeyId()).orElseThrow(() -> ApiError.forbidden(
                "The security token included in the request is invalid: unknown access key id " + auth.accessKeyId()));
        if (!key.active()) {
            throw ApiError.forbidden("The access key " + auth.accessKeyId() + " is disabled (INACTIVE)");
        }

        String payloadHash = HEX.formatHex(sha256(request.body().getBytes(StandardCharsets.UTF_8)));
        Optional<String> declaredHash = request.header("x-amz-content-sha256");
        if (declaredHash.isPresent() && !declaredHash.get().equalsIgnoreCase(payloadHash)) {
            throw ApiError.forbidden("The request body does not match its x-amz-content-sha256");
        }
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        byte[] signingKey = signingKey(key.secretAccessKey(), auth);
        byte[] provided = auth.signatureBytes();
        boolean matched = false;
        for (String uri : CanonicalRequest.uris(request.path())) {
            String canonical = CanonicalRequest.of(request, uri, auth.signedHeaders(), payloadHash);
            String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                    + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            // Every candidate is computed and compared in constant time: no early exit to time.
            matched |= provided != null && MessageDigest.isEqual(hmac(signingKey, stringToSign), provided);
        }
        if (!matched) {
            throw ApiError.forbidden("The request signature we calculated does not match the signature you provided. "
                    + "Check your Secret Access Key and signing method.");
        }
        return key.accessKeyId();
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiError.forbidden("X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z', got '"
                    + (amzDate.length() > 40 ? amzDate.substring(0, 40) : amzDate) + "'");
        }
    }

    private static byte[] signingKey(String secret, Authorization auth) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code AWS4-HMAC-SHA256 Credential=ID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex}. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                         String signature) {

        static Authorization parse(String header) {
            String value = header.trim();
            if (!value.startsWith(ALGORITHM + " ")) {
                throw malformed("only " + ALGORITHM + " signatures are accepted");
            }
            String credential = null;
            String signedHeaders = null;
            String signature = null;
            for (String part : value.substring(ALGORITHM.length()).split(",")) {
                String item = part.trim();
                int eq = item.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = item.substring(0, eq).trim();
                String content = item.substring(eq + 1).trim();
                switch (name) {
                    case "Credential" -> credential = content;
                    case "SignedHeaders" -> signedHeaders = content;
                    case "Signature" -> signature = content;
                    default -> { }
                }
            }
            if (credential == null || signedHeaders == null || signature == null) {
                throw malformed("it needs Credential, SignedHeaders and Signature");
            }
            String[] scope = credential.split("/", -1);
            if (scope.length != 5 || !scope[4].equals("aws4_request") || scope[0].isEmpty()) {
                throw malformed("Credential must be ACCESS_KEY_ID/DATE/REGION/SERVICE/aws4_request");
            }
            List<String> headers = Arrays.stream(signedHeaders.split(";")).filter(h -> !h.isEmpty()).toList();
            return new Authorization(scope[0], scope[1], scope[2], scope[3], headers, signature);
        }

        byte[] signatureBytes() {
            try {
                return signature.length() == 64 ? HEX.parseHex(signature.toLowerCase(java.util.Locale.ROOT)) : null;
            } catch (IllegalArgumentException notHex) {
                return null;
            }
        }

        private static ApiError malformed(String why) {
            return ApiError.forbidden("Malformed Authorization header: " + why);
        }
    }
}
