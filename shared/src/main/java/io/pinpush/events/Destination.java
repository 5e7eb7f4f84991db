package io.pinpush.events;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Somewhere event records are written: a Kinesis data stream, a Firehose delivery stream, or (locally) a
 * JSON-lines file. Travels with spilled records, so a replay writes them where they were meant to go.
 *
 * @param name    the stream's name, or the file's path
 * @param region  the stream's region (null for a file)
 * @param roleArn the role to assume for writing; null writes with Pinpush's own credentials
 */
public record Destination(Kind kind, String name, String region, String roleArn) {

    public enum Kind { KINESIS, FIREHOSE, FILE }

    // Names as Kinesis and Firehose accept them: 1-128 of [a-zA-Z0-9_.-].
    private static final Pattern STREAM_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):(kinesis|firehose):([a-z0-9-]+):(\\d{12}):(stream|deliverystream)/([a-zA-Z0-9_.-]{1,128})");

    /** The destination a PutEventStream ARN names; BadRequestException when it names none Pinpush can write to. */
    public static Destination fromStreamArn(String streamArn, String roleArn) {
        Matcher m = STREAM_ARN.matcher(streamArn);
        if (!m.matches() || m.group(2).equals("kinesis") != m.group(5).equals("stream")) {
            throw ApiError.badRequest("DestinationStreamArn must be a Kinesis data stream ARN"
                    + " (arn:aws:kinesis:<region>:<account>:stream/<name>) or a Firehose delivery stream ARN"
                    + " (arn:aws:firehose:<region>:<account>:deliverystream/<name>), got " + streamArn);
        }
        Arns.requireRoleArn("RoleArn", roleArn);
        Kind kind = m.group(2).equals("kinesis") ? Kind.KINESIS : Kind.FIREHOSE;
        return new Destination(kind, m.group(6), m.group(3), roleArn);
    }

    public static Destination kinesis(String streamName, String region) {
        return new Destination(Kind.KINESIS, streamName, region, null);
    }

    public static Destination file(java.nio.file.Path path) {
        return new Destination(Kind.FILE, path.toString(), null, null);
    }

    @Override
    public String toString() {
        return kind + ":" + (region == null ? "" : region + "/") + name + (roleArn == null ? "" : " as " + roleArn);
    }
}
