package io.pinpush.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.api.RequestBodies;
import io.pinpush.endpoints.EndpointRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one record of an import file into an endpoint id and an {@link EndpointRequest}, the payload UpdateEndpoint
 * takes, so every rule of UpdateEndpoint applies to imported rows. A row that cannot be turned into one is a
 * {@link RowError} with the reason.
 *
 * <p>CSV headers name members in dot notation ({@code Location.Country}, {@code User.UserAttributes.Tier}); cells
 * of list-valued members ({@code Attributes.*}, {@code User.UserAttributes.*}) hold one value or several separated
 * by commas (quote the cell). Numbers ({@code Metrics.*}, {@code Location.Latitude/Longitude}) are parsed; empty
 * cells are left out, as if the column were absent. JSON rows are EndpointRequest objects with an {@code Id}.
 *
 * <p>A row without {@code Id} gets one derived from the job, object and row, so a piece read twice (a redelivered
 * queue message) writes the same endpoints.
 */
final class ImportRows {

    /** A row that is reported and skipped. */
    static final class RowError extends RuntimeException {
        RowError(String reason) {
            super(reason);
        }
    }

    record Row(String endpointId, EndpointRequest request) {
    }

    private static final Set<String> TOP_LEVEL = Set.of("Id", "Address", "ChannelType", "EffectiveDate",
            "EndpointStatus", "OptOut", "RequestId");
    private static final Set<String> DEMOGRAPHIC = Set.of("AppVersion", "Locale", "Make", "Model", "ModelVersion",
            "Platform", "PlatformVersion", "Timezone");
    private static final Set<String> LOCATION = Set.of("City", "Country", "Latitude", "Longitude", "PostalCode", "Region");
    /** Members an export writes that are not part of EndpointRequest: ignored, so exports import as they are. */
    private static final Set<String> EXPORT_ONLY = Set.of("ApplicationId", "CohortId", "CreationDate");

    private ImportRows() {
    }

    /** JobFailure when a CSV header names something that is not an endpoint member. */
    static void checkHeader(List<String> header, String object) {
        for (String column : header) {
            if (!knownColumn(column)) {
                throw new JobFailure("The header of " + object + " has an unknown column '" + column
                        + "': use endpoint members in dot notation, such as Location.Country or User.UserAttributes.Tier");
            }
        }
    }

    private static boolean knownColumn(String column) {
        String[] parts = column.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) return false;
        }
        return switch (parts[0]) {
            case "Attributes", "Metrics" -> parts.length == 2;
            case "Demographic" -> parts.length == 2 && DEMOGRAPHIC.contains(parts[1]);
            case "Location" -> parts.length == 2 && LOCATION.contains(parts[1]);
            case "User" -> (parts.length == 2 && parts[1].equals("UserId"))
                    || (parts.length == 3 && parts[1].equals("UserAttributes"));
            default -> parts.length == 1 && (TOP_LEVEL.contains(parts[0]) || EXPORT_ONLY.contains(parts[0]));
        };
    }

    static Row csv(List<String> header, List<String> fields, String jobId, String object, long row) {
        if (fields.size() != header.size()) {
            throw new RowError("has " + fields.size() + " fields, the header has " + header.size());
        }
        ObjectNode endpoint = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String value = fields.get(i);
            if (value.isEmpty()) continue;
            String[] path = header.get(i).split("\\.");
            ObjectNode parent = endpoint;
            for (int p = 0; p < path.length - 1; p++) {
                parent = parent.has(path[p]) ? (ObjectNode) parent.get(path[p]) : parent.putObject(path[p]);
            }
            String name = path[path.length - 1];
            String column = header.get(i);
            if (column.startsWith("Attributes.") || column.startsWith("User.UserAttributes.")) {
                ArrayNode values = parent.putArray(name);
                for (String v : value.split(",")) {
                    if (!v.isBlank()) values.add(v.trim());
                }
            } else if (column.startsWith("Metrics.") || column.equals("Location.Latitude")
                    || column.equals("Location.Longitude")) {
                try {
                    parent.put(name, Double.parseDouble(value.trim()));
                } catch (NumberFormatException e) {
                    throw new RowError(column + " must be a number, got '" + value + "'");
                }
            } else {
                parent.put(name, value);
            }
        }
        return toRow(endpoint, jobId, object, row);
    }

    static Row json(String line, String jobId, String object, long row) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new RowError("is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(node instanceof ObjectNode endpoint)) {
            throw new RowError("is not a JSON object");
        }
        return toRow(endpoint, jobId, object, row);
    }

    private static Row toRow(ObjectNode endpoint, String jobId, String object, long row) {
        JsonNode idNode = endpoint.remove("Id");
        EXPORT_ONLY.forEach(endpoint::remove);
        String id;
        if (idNode == null || idNode.isNull()) {
            if (!endpoint.hasNonNull("Address") || !endpoint.hasNonNull("ChannelType")) {
                throw new RowError("has no Id, so it is a new endpoint, and a new endpoint needs Address and ChannelType");
            }
            id = derivedId(jobId, object, row);
        } else if (idNode.isTextual() && !idNode.asText().isEmpty()) {
            id = idNode.asText();
        } else {
            throw new RowError("Id must be a non-empty string");
        }
        try {
            return new Row(id, RequestBodies.read(Json.write(endpoint), EndpointRequest.class));
        } catch (ApiError e) {
            throw new RowError(e.getMessage().replace("the request body", "the row"));
        }
    }

    private static String derivedId(String jobId, String object, long row) {
        UUID uuid = UUID.nameUUIDFromBytes((jobId + "\n" + object + "\n" + row).getBytes(StandardCharsets.UTF_8));
        return String.format("%016x%016x", uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
