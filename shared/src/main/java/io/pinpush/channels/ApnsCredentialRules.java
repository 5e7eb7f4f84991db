package io.pinpush.channels;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelCredentials.Apns;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an APNs channel (any of the four) accepts, and how an update merges over the stored credentials.
 *
 * <ul>
 *   <li>Token authentication: TokenKey is the .p8 file (a PKCS#8 EC P-256 key), TokenKeyId and TeamId are
 *       Apple's 10-character ids, BundleId is the app's topic. A request carrying any of TokenKey, TokenKeyId
 *       or TeamId replaces the token key and must carry all of them (BundleId may come from the stored key).</li>
 *   <li>Certificate authentication: Certificate (PEM X.509, not expired) and PrivateKey (PEM PKCS#8, PKCS#1 or
 *       SEC1) that belongs to it. The bundle id is the certificate subject's UID, or else the request's BundleId.</li>
 *   <li>A kind of credential the request leaves out keeps its stored value. DefaultAuthenticationMethod defaults
 *       to the kind the request carries (TOKEN when it carries both), else the stored method; the chosen method's
 *       credentials must exist.</li>
 * </ul>
 */
final class ApnsCredentialRules {

    static final String TOKEN = "TOKEN";
    static final String CERTIFICATE = "CERTIFICATE";

    private static final Pattern APPLE_ID = Pattern.compile("[A-Z0-9]{10}");
    private static final String NEEDS_ANY = "The APNs channel needs credentials: Certificate and PrivateKey"
            + " (DefaultAuthenticationMethod CERTIFICATE), or TokenKey, TokenKeyId, TeamId and BundleId"
            + " (DefaultAuthenticationMethod TOKEN)";
    private static final String NEEDS_CERTIFICATE = "DefaultAuthenticationMethod CERTIFICATE needs Certificate and"
            + " PrivateKey: send the APNs certificate and its private key (both PEM), or use TOKEN with TokenKey,"
            + " TokenKeyId, TeamId and BundleId";
    private static final String NEEDS_TOKEN = "DefaultAuthenticationMethod TOKEN needs TokenKey (the .p8 signing"
            + " key), TokenKeyId, TeamId and BundleId";

    private ApnsCredentialRules() {
    }

    static Apns merge(APNSChannelRequest request, Optional<Apns> stored, Instant now) {
        Optional<Apns.TokenKey> tokenKey = request.carriesTokenKey()
                ? Optional.of(tokenKey(request, stored.flatMap(Apns::tokenKey)))
                // A BundleId alone moves the stored token key to that app (the topic); it answered 200 and kept the old.
                : stored.flatMap(Apns::tokenKey).map(key -> request.bundleId() == null || request.carriesCertificate()
                        ? key : new Apns.TokenKey(key.tokenKey(), key.tokenKeyId(), key.teamId(), request.bundleId()));
        Optional<Apns.Certificate> certificate = request.carriesCertificate()
                ? Optional.of(certificate(request, now))
                : stored.flatMap(Apns::certificate);

        String method = request.defaultAuthenticationMethod();
        if (method == null) {
            method = defaultMethod(request, stored, tokenKey, certificate);
        }
        if (method.equals(CERTIFICATE) && certificate.isEmpty()) {
            throw ApiError.badRequest(NEEDS_CERTIFICATE);
        }
        if (method.equals(TOKEN) && tokenKey.isEmpty()) {
            throw ApiError.badRequest(NEEDS_TOKEN);
        }
        return new Apns(tokenKey, certificate, method);
    }

    private static String defaultMethod(APNSChannelRequest request, Optional<Apns> stored,
                                        Optional<Apns.TokenKey> tokenKey, Optional<Apns.Certificate> certificate) {
        if (request.carriesTokenKey()) {
            return TOKEN;
        }
        if (request.carriesCertificate()) {
            return CERTIFICATE;
        }
        if (stored.isPresent()) {
            return stored.get().defaultAuthenticationMethod();
        }
        if (tokenKey.isEmpty() && certificate.isEmpty()) {
            throw ApiError.badRequest(NEEDS_ANY);
        }
        return tokenKey.isPresent() ? TOKEN : CERTIFICATE;
    }

    private static Apns.TokenKey tokenKey(APNSChannelRequest request, Optional<Apns.TokenKey> stored) {
        String bundleId = request.bundleId() != null ? request.bundleId()
                : stored.map(Apns.TokenKey::bundleId).orElse(null);
        RequestMembers.requireAll("Token authentication needs TokenKey, TokenKeyId, TeamId and BundleId",
                "TokenKey", request.tokenKey(), "TokenKeyId", request.tokenKeyId(), "TeamId", request.teamId(),
                "BundleId", bundleId);
        requireAppleId("TokenKeyId", request.tokenKeyId(), "the Key ID Apple shows for the .p8 key");
        requireAppleId("TeamId", request.teamId(), "the Team ID of your Apple developer account");
        KeyMaterial.apnsSigningKey(request.tokenKey(), "TokenKey");
        return new Apns.TokenKey(request.tokenKey(), request.tokenKeyId(), request.teamId(), bundleId);
    }

    private static Apns.Certificate certificate(APNSChannelRequest request, Instant now) {
        RequestMembers.requireAll("Certificate authentication needs both Certificate and PrivateKey",
                "Certificate", request.certificate(), "PrivateKey", request.privateKey());
        X509Certificate certificate = KeyMaterial.certificate(request.certificate(), "Certificate");
        KeyMaterial.requireValidAt(certificate, now, "Certificate");
        PrivateKey key = KeyMaterial.privateKey(request.privateKey(), "PrivateKey");
        KeyMaterial.requireMatch(key, certificate, "PrivateKey", "Certificate");
        String bundleId = KeyMaterial.subjectUid(certificate).orElse(request.bundleId());
        return new Apns.Certificate(request.certificate(), request.privateKey(), bundleId);
    }

    private static void requireAppleId(String member, String value, String what) {
        if (!APPLE_ID.matcher(value).matches()) {
            throw ApiError.badRequest(member + " must be " + what + ": 10 upper-case letters and digits");
        }
    }
}
