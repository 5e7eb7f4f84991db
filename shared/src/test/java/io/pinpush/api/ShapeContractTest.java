package io.pinpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every record named after a structure of the Pinpoint model writes only that structure's members: a helper method
 * Jackson takes for a property ({@code isImmediate()} written as "Immediate") or a misspelt member would otherwise
 * reach every client. Read from Jackson's own view of each record, so no instance is needed.
 */
class ShapeContractTest {

    /** Members Pinpush adds on purpose; each is documented in the README under "API compatibility". */
    private static final Map<String, Set<String>> EXTENSIONS = Map.of(
            "ApplicationSettingsResource", Set.of("CloudWatchMetricsEnabled", "EventTaggingEnabled"));

    /** Records that share a name with a model structure they do not stand for. */
    private static final Set<String> NOT_MODEL_SHAPES = Set.of(
            "io.pinpush.apps.JourneyLimits", // the model's ApplicationSettingsJourneyLimits; its JourneyLimits is a journey's
            "io.pinpush.access.PolicyDocument$Condition", // an access-key policy's condition, not a journey's
            "io.pinpush.events.PinpointEvent$Session"); // the event stream's format, not PutEvents' Session

    @Test
    void everyRecordNamedAfterAModelStructureWritesOnlyItsMembers() {
        List<String> checked = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        for (Class<?> record : pinpushRecords()) {
            JsonNode shape = ServiceModel.get().shape(record.getSimpleName());
            if (!"structure".equals(shape.path("type").asText()) || NOT_MODEL_SHAPES.contains(record.getName())) {
                continue;
            }
            Set<String> allowed = members(shape);
            allowed.addAll(EXTENSIONS.getOrDefault(record.getSimpleName(), Set.of()));
            for (String written : writtenNames(record)) {
                if (!allowed.contains(written)) {
                    strays.add(record.getName() + " writes " + written);
                }
            }
            checked.add(record.getSimpleName());
        }
        assertThat(checked).as("records checked").contains("ApplicationResponse", "EndpointResponse",
                "CampaignResponse", "Schedule", "SegmentResponse", "MessageResponse", "APNSChannelResponse");
        assertThat(strays).isEmpty();
    }

    /** The member names on the wire: locationName where the model gives one (tags), else the member's name. */
    private static Set<String> members(JsonNode shape) {
        Set<String> names = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.path("members").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            names.add(member.getValue().path("locationName").asText(member.getKey()));
        }
        return names;
    }

    private static Set<String> writtenNames(Class<?> record) {
        JavaType type = Json.mapper().constructType(record);
        BeanDescription description = Json.mapper().getSerializationConfig().introspect(type);
        Set<String> names = new TreeSet<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.couldSerialize()) {
                names.add(property.getName());
            }
        }
        return names;
    }

    /** The records compiled from shared/src/main (top-level and nested). */
    private static List<Class<?>> pinpushRecords() {
        Path root;
        try {
            root = Path.of(Json.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ShapeContractTest.class.getClassLoader());
                if (type.isRecord()) {
                    records.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return records;
    }
}
