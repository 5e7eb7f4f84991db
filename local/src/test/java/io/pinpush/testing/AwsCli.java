package io.pinpush.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real AWS CLI (v1, preinstalled on this kind of machine) as a subprocess against a local endpoint. */
public final class AwsCli {

    private AwsCli() {
    }

    /** Runs {@code aws <args> --endpoint-url <endpoint>} and returns its JSON output (an empty object when none). */
    public static JsonNode json(URI endpoint, String... args) {
        String output = text(endpoint, "json", args);
        try {
            return new ObjectMapper().readTree(output.isBlank() ? "{}" : output);
        } catch (IOException e) {
            throw new AssertionError("aws " + String.join(" ", args) + " printed no JSON:\n" + output, e);
        }
    }

    /** Runs the command and returns what it printed. */
    public static String text(URI endpoint, String output, String... args) {
        return text(Credentials.LOCAL, endpoint, output, args);
    }

    /** Access keys the CLI signs with (moto keeps resources per account, chosen by the keys). */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        public static final Credentials LOCAL = new Credentials("local", "local", null);

        /** Credentials of a role in {@code account}, assumed through moto's STS. */
        public static Credentials ofRoleIn(URI moto, String account) {
            JsonNode assumed = json(moto, "sts", "assume-role", "--role-arn", "arn:aws:iam::" + account
                    + ":role/test-setup", "--role-session-name", "test").path("Credentials");
            return new Credentials(assumed.path("AccessKeyId").asText(), assumed.path("SecretAccessKey").asText(),
                    assumed.path("SessionToken").asText());
        }
    }

    public static JsonNode json(Credentials credentials, URI endpoint, String... args) {
        String output = text(credentials, endpoint, "json", args);
        try {
            return new ObjectMapper().readTree(output.isBlank() ? "{}" : output);
        } catch (IOException e) {
            throw new AssertionError("aws " + String.join(" ", args) + " printed no JSON:\n" + output, e);
        }
    }

    public static String text(Credentials credentials, URI endpoint, String output, String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--region", "us-east-1", "--output", output));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        builder.environment().remove("AWS_SESSION_TOKEN");
        if (credentials.sessionToken() != null) {
            builder.environment().put("AWS_SESSION_TOKEN", credentials.sessionToken());
        }
        builder.environment().put("AWS_PAGER", "");
        builder.environment().remove("AWS_PROFILE");
        try {
            Process process = builder.start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new IllegalStateException("The AWS CLI could not be run; is aws on the PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
