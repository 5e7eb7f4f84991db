package io.pinpush.channels;

import io.pinpush.api.ApiError;
import java.io.ByteArrayInputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the keys and certificates of channel requests with the JDK alone, so that credentials that cannot work
 * are refused when they are configured rather than at the first delivery.
 *
 * <p>Every failure is a BadRequestException naming the request member and what to send instead. Messages never
 * quote the material itself, nor the JDK's exception text (which may).
 */
final class KeyMaterial {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final ECParameterSpec P256 = p256();

    /** One PEM block: its label ({@code PRIVATE KEY}, {@code CERTIFICATE}, ...) and its decoded body. */
    record PemBlock(String label, byte[] der) {
    }

    private KeyMaterial() {
    }

    /**
     * {@code text} as PEM: unchanged when it has a BEGIN line (or is null); a bare base64 body (whitespace allowed)
     * wrapped in {@code label}'s BEGIN and END lines; anything else unchanged, for the key's own check to refuse.
     */
    static String withPemLines(String text, String label) {
        if (text == null || text.contains("-----BEGIN")) {
            return text;
        }
        String body = text.replaceAll("\\s", "");
        if (body.isEmpty() || !body.matches("[A-Za-z0-9+/]+={0,2}")) {
            return text;
        }
        StringBuilder pem = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int from = 0; from < body.length(); from += 64) {
            pem.append(body, from, Math.min(body.length(), from + 64)).append('\n');
        }
        return pem.append("-----END ").append(label).append("-----\n").toString();
    }

    /** An APNs signing key: the .p8 file, a PKCS#8 EC private key on P-256. */
    static ECPrivateKey apnsSigningKey(String pem, String member) {
        PemBlock block = single(pem, member, "the whole .p8 file Apple issued, from -----BEGIN PRIVATE KEY----- to"
                + " -----END PRIVATE KEY-----");
        if (!block.label().equals("PRIVATE KEY")) {
            throw ApiError.badRequest(member + " must be a .p8 signing key (-----BEGIN PRIVATE KEY-----), not a "
                    + block.label());
        }
        PrivateKey key = pkcs8(block.der(), "EC").orElseThrow(() -> ApiError.badRequest(member
                + " is not an EC private key: APNs signing keys (.p8) are PKCS#8 EC P-256 keys"));
        ECPrivateKey ec = (ECPrivateKey) key;
        if (!isP256(ec.getParams())) {
            throw ApiError.badRequest(member + " is an EC key on another curve: APNs signing keys use P-256");
        }
        return ec;
    }

    /** The first certificate of a PEM text (a leaf certificate, possibly followed by its chain). */
    static X509Certificate certificate(String pem, String member) {
        PemBlock block = blocks(pem, member).stream().filter(b -> b.label().equals("CERTIFICATE")).findFirst()
                .orElseThrow(() -> ApiError.badRequest(member + " must be a PEM X.509 certificate"
                        + " (-----BEGIN CERTIFICATE-----)"));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (CertificateException | ClassCastException e) {
            throw ApiError.badRequest(member + " is not a readable X.509 certificate");
        }
    }

    /** Refuses a certificate that has expired or is not valid yet. */
    static void requireValidAt(X509Certificate certificate, Instant now, String member) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw ApiError.badRequest(member + " expired on " + certificate.getNotAfter().toInstant()
                    + ": renew it in the Apple Developer portal");
        } catch (CertificateNotYetValidException e) {
            throw ApiError.badRequest(member + " is not valid before " + certificate.getNotBefore().toInstant());
        }
    }

    /** A PEM private key: PKCS#8 ({@code PRIVATE KEY}, RSA or EC), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). */
    static PrivateKey privateKey(String pem, String member) {
        PemBlock block = single(pem, member, "a PEM private key (-----BEGIN PRIVATE KEY-----,"
                + " -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
        Optional<PrivateKey> key = switch (block.label()) {
            case "PRIVATE KEY" -> pkcs8(block.der(), "RSA").or(() -> pkcs8(block.der(), "EC"));
            case "RSA PRIVATE KEY" -> pkcs8(Der.privateKeyInfo(Der.RSA_ALGORITHM, block.der()), "RSA");
            case "EC PRIVATE KEY" -> sec1(block.der()).flatMap(info -> pkcs8(info, "EC"));
            case "ENCRYPTED PRIVATE KEY" -> throw ApiError.badRequest(member
                    + " is encrypted: export the key without a passphrase");
            default -> throw ApiError.badRequest(member + " must be a PEM private key, not a " + block.label());
        };
        return key.orElseThrow(() -> ApiError.badRequest(member + " is not a readable RSA or EC private key"));
    }

    /** An RSA private key in PEM form, as in a Google service-account file. */
    static RSAPrivateKey rsaPrivateKey(String pem, String member) {
        if (privateKey(pem, member) instanceof RSAPrivateKey rsa) {
            return rsa;
        }
        throw ApiError.badRequest(member + " must be an RSA private key");
    }

    /** Proves the key belongs to the certificate by signing a random challenge and verifying it with the certificate. */
    static void requireMatch(PrivateKey key, X509Certificate certificate, String keyMember, String certificateMember) {
        PublicKey publicKey = certificate.getPublicKey();
        String mismatch = keyMember + " does not belong to " + certificateMember
                + ": send the private key the certificate was issued for";
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw ApiError.badRequest(mismatch);
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw ApiError.badRequest(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw ApiError.badRequest(mismatch);
        }
    }

    /** The subject's UID attribute, where Apple puts the app's bundle id. */
    static Optional<String> subjectUid(X509Certificate certificate) {
        try {
            // RFC 2253 output names UID by its keyword, so the attribute reads back as text.
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            return name.getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("UID"))
                    .map(Rdn::getValue)
                    .filter(String.class::isInstance).map(String.class::cast)
                    .filter(uid -> !uid.isBlank())
                    .findFirst();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static PemBlock single(String pem, String member, String expected) {
        List<PemBlock> blocks = blocks(pem, member);
        if (blocks.isEmpty()) {
            throw ApiError.badRequest(member + " is not PEM text: send " + expected);
        }
        return blocks.get(0);
    }

    private static List<PemBlock> blocks(String pem, String member) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(pem);
        while (matcher.find()) {
            String body = matcher.group(2);
            if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
                throw ApiError.badRequest(member + " is encrypted: export the key without a passphrase");
            }
            try {
                blocks.add(new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(body.strip())));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(member + " is not valid PEM: its base64 body does not decode");
            }
        }
        return blocks;
    }

    private static Optional<PrivateKey> pkcs8(byte[] der, String algorithm) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SEC1 ECPrivateKey as PKCS#8: the curve moves from the key's [0] parameters into the algorithm identifier. */
    private static Optional<byte[]> sec1(byte[] der) {
        try {
            Der.Element key = Der.read(der);
            if (key.tag() != Der.SEQUENCE) {
                return Optional.empty();
            }
            for (Der.Element part : Der.elements(key.content())) {
                if (part.tag() == Der.CONTEXT_0) {
                    Der.Element curve = Der.read(part.content());
                    if (curve.tag() != Der.OID) {
                        return Optional.empty();
                    }
                    return Optional.of(Der.privateKeyInfo(
                            Der.sequence(Der.EC_PUBLIC_KEY_OID, curve.encoded()), der));
                }
            }
            return Optional.empty();
        } catch (Der.MalformedException e) {
            return Optional.empty();
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null && params.getOrder().equals(P256.getOrder())
                && params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator());
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks the P-256 curve", e);
        }
    }
}
