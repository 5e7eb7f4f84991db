package io.pinpush.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a recipe script (seed steps copied verbatim under src/test/resources/recipes/) with the real AWS CLI,
 * isolated from the machine's own AWS profile and configuration.
 */
public final class RecipeScripts {

    /** What the script printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    private RecipeScripts() {
    }

    public static Result run(String resource, Map<String, String> variables)
            throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(RecipeScripts.class.getResource(resource).toURI());
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(variables);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        // Keep the CLI away from any profile or config file of the machine running the tests.
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The AWS CLI did not finish within 2 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
