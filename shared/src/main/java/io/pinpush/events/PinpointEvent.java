package io.pinpush.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event in the JSON format Amazon Pinpoint streamed to Kinesis and Firehose (event_version 3.x), so consumers
 * written for Pinpoint's stream read Pinpush's unchanged. Members are snake_case as in Pinpoint's stream (and
 * {@code awsAccountId} camelCase, as there); absent parts are empty objects, as Pinpoint wrote them.
 *
 * @param eventTimestamp   when the event happened, Unix milliseconds
 * @param arrivalTimestamp when Pinpush received or produced it, Unix milliseconds
 * @param clientContext    {@code custom.endpoint}: the endpoint as a JSON string, as Pinpoint put it there
 */
public record PinpointEvent(
        @JsonProperty("event_type") String eventType,
        @JsonProperty("event_timestamp") long eventTimestamp,
        @JsonProperty("arrival_timestamp") long arrivalTimestamp,
        @JsonProperty("event_version") String eventVersion,
        @JsonProperty("application") Application application,
        @JsonProperty("client") Client client,
        @JsonProperty("device") Device device,
        @JsonProperty("session") Session session,
        @JsonProperty("attributes") Map<String, String> attributes,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("client_context") ClientContext clientContext,
        @JsonProperty("awsAccountId") String awsAccountId) {

    public PinpointEvent {
        // Insertion order kept: a record read with tail -f shows the attributes as they were built.
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public record Application(
            @JsonProperty("app_id") String appId,
            @JsonProperty("package_name") String packageName,
            @JsonProperty("title") String title,
            @JsonProperty("version_name") String versionName,
            @JsonProperty("version_code") String versionCode,
            @JsonProperty("sdk") Sdk sdk) {

        public static Application of(String appId) {
            return new Application(appId, null, null, null, null, new Sdk(null, null));
        }
    }

    public record Sdk(@JsonProperty("name") String name, @JsonProperty("version") String version) {
    }

    /** {@code client_id} is the endpoint id, as in Pinpoint's stream. */
    public record Client(@JsonProperty("client_id") String clientId) {
    }

    public record Device(
            @JsonProperty("locale") Locale locale,
            @JsonProperty("make") String make,
            @JsonProperty("model") String model,
            @JsonProperty("platform") Platform platform) {

        public static final Device UNKNOWN = new Device(null, null, null, new Platform(null, null));
    }

    public record Locale(
            @JsonProperty("code") String code,
            @JsonProperty("country") String country,
            @JsonProperty("language") String language) {

        /** {@code en_US} (or {@code en-US}) as Pinpoint's code, country and language. */
        public static Locale parse(String code) {
            if (code == null || code.isBlank()) {
                return null;
            }
            String[] parts = code.split("[_-]", 2);
            return new Locale(code, parts.length > 1 ? parts[1] : null, parts[0]);
        }
    }

    public record Platform(@JsonProperty("name") String name, @JsonProperty("version") String version) {
    }

    public record Session(
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("start_timestamp") Long startTimestamp,
            @JsonProperty("stop_timestamp") Long stopTimestamp,
            @JsonProperty("duration") Integer duration) {

        public static final Session NONE = new Session(null, null, null, null);
    }

    public record ClientContext(@JsonProperty("custom") Custom custom) {

        public static ClientContext ofEndpoint(String endpointJson) {
            return new ClientContext(new Custom(endpointJson));
        }
    }

    public record Custom(@JsonProperty("endpoint") String endpoint) {
    }
}
