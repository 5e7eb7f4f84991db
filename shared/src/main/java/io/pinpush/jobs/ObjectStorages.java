package io.pinpush.jobs;

import io.pinpush.api.ApiError;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The storage a job's location lives in. S3 is read and written with the credentials of the job's RoleArn,
 * assumed through STS (one client per role, credentials refreshed by the SDK) — as Pinpoint does; locally,
 * without IAM, roles are not assumed unless an STS endpoint is configured. {@code file://} locations exist only
 * where {@code PINPUSH_JOBS_ALLOW_FILE_URLS=true} (the local server): a Lambda function must never read its own disk
 * on a caller's behalf.
 */
public final class ObjectStorages implements AutoCloseable {

    static final String ROLE_SESSION_NAME = "pinpush-jobs";

    private final AwsClients aws;
    private final PinpushConfig config;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();
    private final FileStorage files = new FileStorage();

    public ObjectStorages(AwsClients aws) {
        this.aws = aws;
        this.config = aws.config();
    }

    boolean allowsFiles() {
        return Boolean.parseBoolean(config.get("PINPUSH_JOBS_ALLOW_FILE_URLS", "false"));
    }

    /** BadRequestException when the deployment does not read this kind of location. */
    void requireSupported(String member, ObjectLocation location) {
        if (location.isFile() && !allowsFiles()) {
            throw ApiError.badRequest(member + " must be an s3:// URL (file:// URLs are a local-server extension)");
        }
    }

    ObjectStorage forLocation(ObjectLocation location, String roleArn) {
        if (location.isFile()) {
            requireSupported("S3Url", location);
            return files;
        }
        String role = assumesRole(roleArn) ? roleArn : "";
        return new S3Storage(clients.computeIfAbsent(role, this::s3));
    }

    private boolean assumesRole(String roleArn) {
        return roleArn != null && (!config.useLocalCredentials() || config.serviceEndpoint("sts").isPresent());
    }

    private S3Client s3(String roleArn) {
        var builder = aws.configure(S3Client.builder(), "s3")
                // An emulator (moto) answers on one host: bucket names go in the path, not the host name.
                .forcePathStyle(config.serviceEndpoint("s3").isPresent())
                .crossRegionAccessEnabled(true);
        if (!roleArn.isEmpty()) {
            builder.credentialsProvider(StsAssumeRoleCredentialsProvider.builder().stsClient(aws.sts())
                    .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(ROLE_SESSION_NAME)).build());
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(S3Client::close);
    }
}
