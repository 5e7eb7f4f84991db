package io.pinpush.channels;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Credentials each push channel accepts, fresh for every call, and the secret fragments in them that must
 * never appear outside the secret store. The APNs channels mix token and certificate authentication.
 */
record ValidCredentials(Map<String, Object> members, List<String> secrets) {

    static final String TOKEN_KEY_ID = "ABC123DEFG";
    static final String TEAM_ID = "TEAM123456";
    static final String BUNDLE_ID = "com.example.shop";

    static ValidCredentials forChannel(ChannelType type) {
        return switch (type) {
            case APNS, APNS_VOIP -> token();
            case APNS_SANDBOX -> certificate("apns-rsa-cert.pem", "apns-rsa-key-pkcs8.pem");
            case APNS_VOIP_SANDBOX -> certificate("apns-ec-cert.pem", "apns-ec-key-sec1.pem");
            case GCM -> serviceAccount();
            case BAIDU -> {
                String apiKey = "baidu-api-" + UUID.randomUUID();
                String secretKey = "baidu-secret-" + UUID.randomUUID();
                yield new ValidCredentials(Map.of("Enabled", true, "ApiKey", apiKey, "SecretKey", secretKey),
                        List.of(apiKey, secretKey));
            }
            case ADM -> {
                String clientId = "amzn1.application-oa2-client." + UUID.randomUUID().toString().replace("-", "");
                String clientSecret = "adm-secret-" + UUID.randomUUID();
                yield new ValidCredentials(Map.of("Enabled", true, "ClientId", clientId, "ClientSecret", clientSecret),
                        List.of(clientId, clientSecret));
            }
            default -> throw new IllegalArgumentException(type + " is not a push channel");
        };
    }

    static ValidCredentials token() {
        String p8 = TestKeys.p8();
        return new ValidCredentials(Map.of("Enabled", true, "TokenKey", p8, "TokenKeyId", TOKEN_KEY_ID,
                "TeamId", TEAM_ID, "BundleId", BUNDLE_ID), List.of(TestKeys.pemLine(p8)));
    }

    static ValidCredentials certificate(String certificate, String key) {
        String keyPem = TestKeys.fixture(key);
        return new ValidCredentials(Map.of("Enabled", true, "Certificate", TestKeys.fixture(certificate),
                "PrivateKey", keyPem, "BundleId", BUNDLE_ID), List.of(TestKeys.pemLine(keyPem)));
    }

    static ValidCredentials serviceAccount() {
        String key = TestKeys.rsaPkcs8();
        String serviceJson = TestKeys.serviceJson("pinpush-test-" + UUID.randomUUID().toString().substring(0, 8), key);
        return new ValidCredentials(Map.of("Enabled", true, "ServiceJson", serviceJson),
                List.of(TestKeys.pemLine(key)));
    }
}
