package io.pinpush.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void pkcs1RsaKeysAsOlderOpensslExportsThemReadLikeTheirPkcs8Form() {
        assertThat(Pem.privateKey(resource("fake-rsa-pkcs1.key")).getEncoded())
                .isEqualTo(Pem.privateKey(resource("fake-rsa-pkcs8.key")).getEncoded());
    }

    @Test
    void textWithoutAKeyOrAnEncryptedKeyIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Pem.privateKey("not a key")).hasMessageStartingWith("No PEM private key");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
                .hasMessage("The private key is encrypted; provide it without a passphrase");
        assertThatThrownBy(() -> Pem.certificates("nothing")).hasMessageStartingWith("No PEM certificate");
    }

    private static String resource(String name) {
        try (InputStream in = PemTest.class.getResourceAsStream("/pem/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
