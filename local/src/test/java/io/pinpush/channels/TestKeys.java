package io.pinpush.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key material for the channel tests: generated here with the JDK, or FAKE fixtures made with openssl. */
final class TestKeys {

    private TestKeys() {
    }

    /** A fresh .p8 APNs signing key: PKCS#8 EC P-256 in PEM. */
    static String p8() {
        return pem("PRIVATE KEY", ecKey("secp256r1"));
    }

    static String ecP384Pkcs8() {
        return pem("PRIVATE KEY", ecKey("secp384r1"));
    }

    static String rsaPkcs8() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Google service-account key file as the Firebase console hands it out, with a fresh RSA key. */
    static String serviceJson(String projectId) {
        return serviceJson(projectId, rsaPkcs8());
    }

    static String serviceJson(String projectId, String privateKeyPem) {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("type", "service_account");
        file.put("project_id", projectId);
        file.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        file.put("private_key", privateKeyPem);
        file.put("client_email", "firebase-adminsdk@" + projectId + ".iam.gserviceaccount.com");
        file.put("client_id", "123456789012345678901");
        file.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        file.put("token_uri", "https://oauth2.googleapis.com/token");
        try {
            return new ObjectMapper().writeValueAsString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PEM file from src/test/resources/fixtures. */
    static String fixture(String name) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base64 line of key bytes from inside a PEM text: a fragment to search for wherever the key must not appear. */
    static String pemLine(String pem) {
        // The last lines hold key bytes only; the first ones start with headers every key of a kind shares.
        List<String> body = pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 16).toList();
        return body.get(body.size() - 1);
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] ecKey(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair().getPrivate().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
