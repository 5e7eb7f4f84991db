package io.pinpush.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.local.LocalInvocation;
import io.pinpush.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample invocation events in the repository's {@code events/} folder, and handing them to stream handlers. */
public final class EventSamples {

    /** The folder; the build sets {@code pinpush.repo.root}, and tests run in their module's folder otherwise. */
    public static final Path FOLDER = Path.of(System.getProperty("pinpush.repo.root", "..")).resolve("events");
    /** What a sample writes where the test's app id goes. */
    public static final String APP_PLACEHOLDER = "${applicationId}";

    private EventSamples() {
    }

    public static String read(String name) {
        Path file = FOLDER.resolve(name);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sample event " + file, e);
        }
    }

    /** A sample addressed to {@code appId}. */
    public static String forApp(String name, String appId) {
        return read(name).replace(APP_PLACEHOLDER, appId);
    }

    /** Invokes a stream handler (the send function) with {@code payload}, as Lambda does, and reads its answer. */
    public static JsonNode invoke(RequestStreamHandler handler, String payload) {
        return invoke(handler, payload, new LocalContext());
    }

    /** {@link #invoke(RequestStreamHandler, String)} in {@code context} (one with little time left, say). */
    public static JsonNode invoke(RequestStreamHandler handler, String payload, com.amazonaws.services.lambda.runtime.Context context) {
        try {
            return LocalInvocation.invoke(handler, payload.getBytes(StandardCharsets.UTF_8), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handler's answer (or the body inside it) as JSON. */
    public static JsonNode readJson(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
