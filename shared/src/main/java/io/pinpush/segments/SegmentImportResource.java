package io.pinpush.segments;

import java.util.Map;

/** An IMPORT segment's {@code ImportDefinition}: where its endpoints came from, how many, and on which channels. */
public record SegmentImportResource(Map<String, Integer> channelCounts, String externalId, String format, String roleArn,
                                    String s3Url, Integer size) {
}
