package io.pinpush.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        String classes = Path.of(LambdaJarLogsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", LAMBDA_JAR + File.pathSeparator + classes, LoggingHandler.class.getName())
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
        assertThat(info.get("function_request_id").asText()).isEqualTo("req-42");
        assertThat(info.get("function_name").asText()).isEqualTo("pinpush-test");
        assertThat(info.get("function_memory_size").asInt()).isEqualTo(512);
        assertThat(info.get("correlation_id").asText()).isEqualTo("api-7");
        assertThat(info.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode warning = lines.get(1);
        assertThat(warning.get("level").asText()).isEqualTo("WARN");
        assertThat(warning.get("error").get("name").asText()).isEqualTo("java.net.ConnectException");
        Files.delete(stderr);
    }

    /** Runs in the child JVM on the Lambda jar alone (plus this class): one invocation as a function would log it. */
    public static final class LoggingHandler {
        public static void main(String[] args) {
            PowertoolsLogging.withLogging(new InvocationContext(), () -> {
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

    private static final class InvocationContext implements Context {
        @Override public String getAwsRequestId() { return "req-42"; }
        @Override public String getLogGroupName() { return "/aws/lambda/pinpush-test"; }
        @Override public String getLogStreamName() { return "stream"; }
        @Override public String getFunctionName() { return "pinpush-test"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:pinpush-test"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
