package io.pinpush.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.LocalContext;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The shaded Lambda jar logs through its own SLF4J backend, not log4j (README, Benchmarks (4)): run in a JVM of its
 * own, as Lambda runs it, a handler's log calls come out as JSON lines with Powertools' fields, at the configured
 * levels, and nothing complains on standard error (no second SLF4J provider, no missing Powertools LoggingManager).
 *
 * <p>The jar is the one {@code mvn package} left in functions/target; in the reactor the functions module is
 * packaged before this module's tests run.
 */
class LambdaJarLogsTest {

    private static final Path LAMBDA_JAR = Path.of("../functions/target/pinpush-functions-0.1.0-SNAPSHOT-lambda.jar");

    @Test
    void theLambdaJarCarriesNoLog4j() throws Exception {
        assertThat(LAMBDA_JAR).exists();
        try (ZipFile jar = new ZipFile(LAMBDA_JAR.toFile())) {
            assertThat(jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("org/apache/logging/")))
                    .isEmpty();
        }
    }

    @Test
    void aHandlersLogCallsAreJsonLinesWithPowertoolsFields() throws Exception {
        Path stderr = Files.createTempFile("pinpush-lambda-logs", ".err");
        // The Lambda jar, this class, and LocalContext (the Lambda context the local server gives its handlers).
        String classPath = String.join(File.pathSeparator, LAMBDA_JAR.toString(), location(LambdaJarLogsTest.class),
                location(LocalContext.class));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, LoggingHandler.class.getName())
                .redirectError(stderr.toFile())
                .start();
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(stderr)).isEmpty();
        assertThat(lines).extracting(line -> line.get("message").asText())
                .containsExactly("Delivery d-1 sent", "Provider unreachable");
        JsonNode info = lines.get(0);
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("function_request_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(info.get("function_name").asText()).isEqualTo("pinpush-local");
        assertThat(info.get("function_memory_size").asInt()).isEqualTo(1024);
        assertThat(info.get("correlation_id").asText()).isEqualTo("api-7");
        assertThat(info.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode warning = lines.get(1);
        assertThat(warning.get("level").asText()).isEqualTo("WARN");
        assertThat(warning.get("error").get("name").asText()).isEqualTo("java.net.ConnectException");
        Files.delete(stderr);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs in the child JVM on the Lambda jar (plus this class and LocalContext): one invocation as a function logs it. */
    public static final class LoggingHandler {
        public static void main(String[] args) {
            PowertoolsLogging.withLogging(new LocalContext(), () -> {
                MDC.put("correlation_id", "api-7");
                LoggerFactory.getLogger("io.pinpush.messaging.Dispatcher").info("Delivery {} sent", "d-1");
                LoggerFactory.getLogger("io.pinpush.messaging.Dispatcher").debug("below the default level");
                LoggerFactory.getLogger("software.amazon.awssdk.request").info("a library's INFO is below WARN");
                LoggerFactory.getLogger("io.netty.channel").warn("Provider unreachable",
                        new java.net.ConnectException("refused"));
                return null;
            });
        }
    }
}
