package io.pinpush.channels;

import java.time.Instant;
import java.util.Optional;

/**
 * Pinpoint's APNSChannelRequest. APNSSandboxChannelRequest, APNSVoipChannelRequest and
 * APNSVoipSandboxChannelRequest have exactly these members, so this one record reads all four.
 *
 * <p>Token authentication: {@code TokenKey} (the .p8 file), {@code TokenKeyId}, {@code TeamId}, {@code BundleId}.
 * Certificate authentication: {@code Certificate} and {@code PrivateKey}, both PEM. See {@link ApnsCredentialRules}.
 */
public record APNSChannelRequest(
        String bundleId,
        String certificate,
        String defaultAuthenticationMethod,
        Boolean enabled,
        String privateKey,
        String teamId,
        String tokenKey,
        String tokenKeyId) implements ChannelRequest {

    public APNSChannelRequest {
        defaultAuthenticationMethod = RequestMembers.authenticationMethod(defaultAuthenticationMethod, "APNs",
                ApnsCredentialRules.TOKEN, ApnsCredentialRules.CERTIFICATE, AMPLIFY_TOKEN);
        if (AMPLIFY_TOKEN.equals(defaultAuthenticationMethod)) {
            defaultAuthenticationMethod = ApnsCredentialRules.TOKEN;
        }
        // The Amplify CLI sends the .p8 key's base64 body without its BEGIN/END lines.
        tokenKey = KeyMaterial.withPemLines(tokenKey, "PRIVATE KEY");
        RequestMembers.notBlank("BundleId", bundleId);
        RequestMembers.notBlank("Certificate", certificate);
        RequestMembers.notBlank("PrivateKey", privateKey);
        RequestMembers.notBlank("TeamId", teamId);
        RequestMembers.notBlank("TokenKey", tokenKey);
        RequestMembers.notBlank("TokenKeyId", tokenKeyId);
    }

    /**
     * What the Amplify CLI sends for a token key ("key or certificate", as the model puts it); stored and answered
     * as TOKEN.
     */
    static final String AMPLIFY_TOKEN = "KEY";

    /** The request replaces the token key. BundleId alone does not count: it also names a certificate's topic. */
    boolean carriesTokenKey() {
        return tokenKey != null || tokenKeyId != null || teamId != null;
    }

    /** The request replaces the certificate. */
    boolean carriesCertificate() {
        return certificate != null || privateKey != null;
    }

    @Override
    public ChannelCredentials credentialsOver(Optional<ChannelCredentials> stored, Instant now) {
        return ApnsCredentialRules.merge(this, RequestMembers.stored(stored, ChannelCredentials.Apns.class), now);
    }

    @Override
    public String toString() {
        return "APNSChannelRequest[enabled=" + enabled + ", defaultAuthenticationMethod=" + defaultAuthenticationMethod
                + ", credentials redacted]";
    }
}
