package io.pinpush.providers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM certificates and private keys as customers paste them into channel requests and as the stand-ins keep
 * them, read with the JDK alone. Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, what older OpenSSL versions export from a .p12).
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pem() {
    }

    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                if (block.group(1).equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(block))));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The certificate is not a valid PEM X.509 certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("No PEM certificate (BEGIN CERTIFICATE) found");
        }
        return certificates;
    }

    public static PrivateKey privateKey(String pem) {
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            switch (block.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(decode(block));
                case "RSA PRIVATE KEY":
                    return pkcs8(rsaPkcs1ToPkcs8(decode(block)));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("The private key is encrypted; provide it without a passphrase");
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("No PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) found");
    }

    /** An SSLContext that trusts only the CA certificates in {@code pem} (stand-ins in local runs and tests). */
    public static SSLContext trusting(String pem) {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int index = 0;
            for (X509Certificate certificate : certificates(pem)) {
                trustStore.setCertificateEntry("trusted-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a trust store from the PEM certificates", e);
        }
    }

    private static byte[] decode(Matcher block) {
        return Base64.getMimeDecoder().decode(block.group(2));
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Not this algorithm; try the next.
            }
        }
        throw new IllegalArgumentException("The private key is neither an RSA nor an EC PKCS#8 key");
    }

    /** PKCS#8 is PKCS#1 wrapped in {@code SEQUENCE {0, SEQUENCE {rsaEncryption, NULL}, OCTET STRING pkcs1}}. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] key = derElement(0x04, pkcs1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(version);
        content.writeBytes(rsaAlgorithm);
        content.writeBytes(key);
        return derElement(0x30, content.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
