package io.pinpush.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The Lambda jar's log lines: Powertools' fields, valid JSON whatever the message, and the levels of log4j's setup. */
class JsonLinesLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, String> context = new HashMap<>();

    private JsonLinesLoggerFactory loggers(Map<String, String> environment) {
        PrintStream lines = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new JsonLinesLoggerFactory(environment, () -> lines,
                Clock.fixed(Instant.parse("2026-12-05T01:02:03.004Z"), ZoneOffset.UTC), () -> Map.copyOf(context));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void aLineCarriesTheMessageTheTimeAndPowertoolsContextFieldsWithTheirTypes() throws Exception {
        context.putAll(Map.of("function_request_id", "req-1", "cold_start", "true", "function_memory_size", "1024",
                "sampling_rate", "0.5", "service", "pinpush", "correlation_id", "api-7"));

        loggers(Map.of()).getLogger("io.pinpush.apps.AppService").info("App {} created by {}", "a1", "alice");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("App a1 created by alice");
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-12-05T01:02:03.004Z");
        assertThat(line.get("function_request_id").asText()).isEqualTo("req-1");
        assertThat(line.get("correlation_id").asText()).isEqualTo("api-7");
        assertThat(line.get("cold_start").isBoolean()).isTrue();
        assertThat(line.get("cold_start").asBoolean()).isTrue();
        assertThat(line.get("function_memory_size").isInt()).isTrue();
        assertThat(line.get("sampling_rate").isNumber()).isTrue();
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void anExceptionBecomesTheErrorObjectWithItsStack() throws Exception {
        IllegalStateException failure = new IllegalStateException("store \"down\"");

        loggers(Map.of()).getLogger("io.pinpush.messaging.Dispatcher").warn("Delivery {} failed", "d-1", failure);

        JsonNode line = lines().get(0);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("message").asText()).isEqualTo("Delivery d-1 failed");
        assertThat(line.get("error").get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("error").get("message").asText()).isEqualTo("store \"down\"");
        assertThat(line.get("error").get("stack").asText())
                .startsWith("java.lang.IllegalStateException: store \"down\"")
                .contains("at io.pinpush.functions.logging.JsonLinesLoggerTest.anExceptionBecomesTheErrorObjectWithItsStack");
    }

    @Test
    void anyMessageStaysOneLineOfValidJson() throws Exception {
        String awkward = "quote \" backslash \\ newline \n return \r tab \t bell \u0007 separator \u2028 snow \u2603 emoji \uD83D\uDE00";
        context.put("odd \"key\"", "value\nwith newline");

        loggers(Map.of()).getLogger("io.pinpush.x").error(awkward);

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.lines()).hasSize(1);
        JsonNode line = lines().get(0);
        assertThat(line.get("message").asText()).isEqualTo(awkward);
        assertThat(line.get("odd \"key\"").asText()).isEqualTo("value\nwith newline");
    }

    @Test
    void pinpushLogsAtTheConfiguredLevelAndLibrariesAtWarnUnlessThatIsStricter() throws Exception {
        JsonLinesLoggerFactory defaults = loggers(Map.of());
        Logger own = defaults.getLogger("io.pinpush.channels.ChannelService");
        Logger sdk = defaults.getLogger("software.amazon.awssdk.request");
        assertThat(own.isInfoEnabled()).isTrue();
        assertThat(own.isDebugEnabled()).isFalse();
        assertThat(sdk.isInfoEnabled()).isFalse();
        assertThat(sdk.isWarnEnabled()).isTrue();
        sdk.info("not written");
        own.debug("not written");
        assertThat(out.size()).isZero();

        JsonLinesLoggerFactory debug = loggers(Map.of("POWERTOOLS_LOG_LEVEL", "debug"));
        assertThat(debug.getLogger("io.pinpush.x").isDebugEnabled()).isTrue();
        assertThat(debug.getLogger("io.netty.channel").isInfoEnabled()).isFalse();

        JsonLinesLoggerFactory quiet = loggers(Map.of("POWERTOOLS_LOG_LEVEL", "FATAL"));
        assertThat(quiet.getLogger("io.pinpush.x").isWarnEnabled()).isFalse();
        assertThat(quiet.getLogger("io.netty.channel").isWarnEnabled()).isFalse();
        assertThat(quiet.getLogger("io.netty.channel").isErrorEnabled()).isTrue();

        // What Powertools' LoggingManager does for a sampled invocation.
        defaults.setLevel(Level.DEBUG);
        assertThat(own.isDebugEnabled()).isTrue();
        assertThat(defaults.level("io.pinpushy.other")).isEqualTo(Level.WARN);
    }

    @Test
    void anUnknownLevelNameKeepsTheDefault() {
        assertThat(JsonLinesLoggerFactory.parse("verbose", Level.INFO)).isEqualTo(Level.INFO);
        assertThat(JsonLinesLoggerFactory.parse(" warn ", Level.INFO)).isEqualTo(Level.WARN);
        assertThat(JsonLinesLoggerFactory.parse(null, Level.ERROR)).isEqualTo(Level.ERROR);
    }
}
