package io.pinpush.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** Steps the segment tests share. */
final class SegmentCalls {

    private SegmentCalls() {
    }

    static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("segments-test")))
                .applicationResponse().id();
    }

    /** The GetSegmentSize extension (no SDK knows it), read as JSON. */
    static JsonNode size(LocalServer server, String appId, String segmentId) {
        HttpResponse<String> response = RawHttp.send(server.endpoint(), "GET",
                "/v1/apps/" + appId + "/segments/" + segmentId + "/size", null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GetSegmentSize answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return new ObjectMapper().readTree(response.body()).path("SegmentSize");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
