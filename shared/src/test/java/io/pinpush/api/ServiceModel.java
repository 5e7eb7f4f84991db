package io.pinpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The Pinpoint service model (the customer's contract), read for contract tests. */
public final class ServiceModel {

    private static final ServiceModel INSTANCE = load();

    private final JsonNode root;

    private ServiceModel(JsonNode root) {
        this.root = root;
    }

    public static ServiceModel get() {
        return INSTANCE;
    }

    private static ServiceModel load() {
        String location = System.getProperty("pinpush.model", "../../shared/api/pinpoint-2016-12-01.json");
        try {
            return new ServiceModel(new ObjectMapper().readTree(Path.of(location).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Pinpoint service model at " + location, e);
        }
    }

    public Optional<JsonNode> operation(String name) {
        return Optional.ofNullable(root.path("operations").get(name));
    }

    public JsonNode shape(String name) {
        return root.path("shapes").path(name);
    }
}
