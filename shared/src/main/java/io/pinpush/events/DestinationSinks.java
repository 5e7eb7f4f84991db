package io.pinpush.events;

import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Turns a {@link Destination} into a sink to write to, reusing SDK clients per service, region and role.
 *
 * <p>A destination with a role is written with that role's credentials, assumed through STS and cached until
 * shortly before they expire (the SDK's provider refreshes them). Locally there is no IAM: unless an STS
 * endpoint is configured, roles are not assumed.
 */
public final class DestinationSinks implements AutoCloseable {

    static final String ROLE_SESSION_NAME = "pinpush-events";

    private final AwsClients aws;
    private final PinpushConfig config;
    private final Map<String, AwsCredentialsProvider> roleCredentials = new ConcurrentHashMap<>();
    private final Map<Destination, StreamSink> sinks = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

    public DestinationSinks(AwsClients aws) {
        this.aws = aws;
        this.config = aws.config();
    }

    public StreamSink sinkFor(Destination destination) {
        return sinks.computeIfAbsent(destination, this::create);
    }

    private StreamSink create(Destination destination) {
        return switch (destination.kind()) {
            case FILE -> new JsonLinesSink(Path.of(destination.name()));
            case KINESIS -> new KinesisSink(kinesis(destination), destination.name());
            case FIREHOSE -> new FirehoseSink(firehose(destination), destination.name());
        };
    }

    private KinesisClient kinesis(Destination destination) {
        if (usesOwnClient(destination)) {
            return aws.kinesis();
        }
        return (KinesisClient) clients.computeIfAbsent(clientKey(destination), key -> {
            var builder = aws.configure(KinesisClient.builder(), "kinesis").region(Region.of(destination.region()));
            if (assumesRole(destination)) {
                builder.credentialsProvider(roleCredentials(destination.roleArn()));
            }
            return builder.build();
        });
    }

    private FirehoseClient firehose(Destination destination) {
        if (usesOwnClient(destination)) {
            return aws.firehose();
        }
        return (FirehoseClient) clients.computeIfAbsent(clientKey(destination), key -> {
            var builder = aws.configure(FirehoseClient.builder(), "firehose").region(Region.of(destination.region()));
            if (assumesRole(destination)) {
                builder.credentialsProvider(roleCredentials(destination.roleArn()));
            }
            return builder.build();
        });
    }

    private boolean usesOwnClient(Destination destination) {
        return !assumesRole(destination) && config.region().equals(destination.region());
    }

    private boolean assumesRole(Destination destination) {
        if (destination.roleArn() == null) {
            return false;
        }
        return !config.useLocalCredentials() || config.serviceEndpoint("sts").isPresent();
    }

    private String clientKey(Destination destination) {
        return destination.kind() + "|" + destination.region() + "|"
                + (assumesRole(destination) ? destination.roleArn() : "");
    }

    private AwsCredentialsProvider roleCredentials(String roleArn) {
        return roleCredentials.computeIfAbsent(roleArn, role -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(aws.sts())
                .refreshRequest(r -> r.roleArn(role).roleSessionName(ROLE_SESSION_NAME))
                .build());
    }

    @Override
    public void close() {
        roleCredentials.values().forEach(provider -> {
            if (provider instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        });
        clients.values().forEach(DestinationSinks::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing at shutdown; nothing left to do with a client that fails to close.
        }
    }
}
