package io.pinpush.local.standins;

import io.pinpush.channels.ChannelCredentials;
import io.pinpush.providers.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * The stand-ins' TLS material: a FAKE certificate authority, the localhost certificate both stand-ins serve,
 * and an APNs-style client certificate for certificate authentication. Generated once by
 * {@code resources/standins/generate.sh}; good for 100 years; worthless outside tests and local runs.
 */
public final class StandInTls {

    /** The bundle id in the client certificate's subject UID, as Apple issues push certificates. */
    public static final String CERTIFICATE_BUNDLE_ID = "com.example.pinpush";

    private static Path caFile;

    private StandInTls() {
    }

    public static String caPem() {
        return resource("ca.pem");
    }

    /** The CA as a file, for {@code PINPUSH_APNS_TRUSTED_CERT} and {@code PINPUSH_FCM_TRUSTED_CERT}. */
    public static synchronized Path caFile() {
        if (caFile == null) {
            try {
                caFile = Files.createTempFile("pinpush-standin-ca", ".pem");
                caFile.toFile().deleteOnExit();
                Files.writeString(caFile, caPem());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return caFile;
    }

    public static X509Certificate ca() {
        return Pem.certificates(caPem()).get(0);
    }

    public static X509Certificate[] serverCertificateChain() {
        return new X509Certificate[] {Pem.certificates(resource("server.pem")).get(0), ca()};
    }

    public static PrivateKey serverKey() {
        return Pem.privateKey(resource("server.key"));
    }

    /** APNs certificate credentials a channel can hold, accepted by {@link ApnsStandIn} for {@link #CERTIFICATE_BUNDLE_ID}. */
    public static ChannelCredentials.Apns.Certificate apnsClientCertificate() {
        return new ChannelCredentials.Apns.Certificate(resource("apns-client.pem"), resource("apns-client.key"),
                CERTIFICATE_BUNDLE_ID);
    }

    static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String resource(String name) {
        try (InputStream in = Optional.ofNullable(StandInTls.class.getResourceAsStream("/standins/" + name))
                .orElseThrow(() -> new IllegalStateException("Missing stand-in fixture /standins/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
