package io.pinpush.providers.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.PinpushConfig;
import io.pinpush.providers.Pem;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** Builds Pushy clients from a channel's credentials and the APNs settings (host, trust, connections). */
final class ApnsClients {

    private static final int APNS_PORT = ApnsClientBuilder.DEFAULT_APNS_PORT;

    private final PinpushConfig config;
    private final EventLoopGroup eventLoops;
    private final X509Certificate[] trustedServerCertificates;

    ApnsClients(PinpushConfig config, EventLoopGroup eventLoops) {
        this.config = config;
        this.eventLoops = eventLoops;
        this.trustedServerCertificates = config.apnsTrustedCertificate().map(path -> {
            try {
                return Pem.certificates(Files.readString(path)).toArray(X509Certificate[]::new);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read PINPUSH_APNS_TRUSTED_CERT " + path, e);
            }
        }).orElse(null);
    }

    ApnsClient build(ChannelType type, ApnsAuthentication authentication) {
        InetSocketAddress server = (type.isApnsSandbox() ? config.apnsSandboxEndpoint() : config.apnsEndpoint())
                .orElseGet(() -> InetSocketAddress.createUnresolved(type.isApnsSandbox()
                        ? ApnsClientBuilder.DEVELOPMENT_APNS_HOST : ApnsClientBuilder.PRODUCTION_APNS_HOST, APNS_PORT));
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(server.getHostString(), server.getPort())
                .setEventLoopGroup(eventLoops)
                .setConcurrentConnections(config.apnsConcurrentConnections())
                .setConnectionTimeout(config.providerTimeout());
        if (trustedServerCertificates != null) {
            builder.setTrustedServerCertificateChain(trustedServerCertificates);
        }
        try {
            if (authentication.tokenKey() != null) {
                builder.setSigningKey(signingKey(authentication.tokenKey()));
            } else {
                ChannelCredentials.Apns.Certificate certificate = authentication.certificate();
                builder.setClientCredentials(Pem.certificates(certificate.certificatePem()).get(0),
                        Pem.privateKey(certificate.privateKeyPem()), null);
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new UnusableCredentials(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** The .p8 token key Pushy signs provider tokens with. */
    static ApnsSigningKey signingKey(ChannelCredentials.Apns.TokenKey key) throws IOException, GeneralSecurityException {
        return ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(key.tokenKey().getBytes(StandardCharsets.UTF_8)),
                key.teamId(), key.tokenKeyId());
    }

    /** The channel's credentials cannot make an APNs client (a malformed key or certificate). */
    static final class UnusableCredentials extends RuntimeException {
        UnusableCredentials(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
