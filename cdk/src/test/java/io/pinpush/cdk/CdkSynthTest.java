package io.pinpush.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `cdk synth` as a user runs it: the pinned CLI (bin/cdk installs it into .cache/ on first use) reading
 * cdk.json, which runs the app. No AWS account, no credentials.
 */
class CdkSynthTest {

    private static final Path ROOT = Path.of(System.getProperty("pinpush.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void cdkSynthThroughCdkJsonProducesTheStackOffline() throws Exception {
        Path out = ROOT.resolve("cdk/target/cdk-synth-test");
        Path log = ROOT.resolve("cdk/target/cdk-synth-test.log");
        ProcessBuilder synth = new ProcessBuilder(List.of(ROOT.resolve("bin/cdk").toString(), "synth", "--quiet",
                "--no-notices", "--no-version-reporting", "-c", "stage=synthtest", "-o", out.toString()))
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The Maven build has just compiled the app and packaged the Lambda jar; a nested build would race it.
        synth.environment().put("PINPUSH_CDK_SKIP_BUILD", "1");
        synth.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
        synth.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        for (String credential : List.of("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            synth.environment().remove(credential);
        }
        Process process = synth.start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("cdk synth finished in time:\n%s", output).isTrue();
        assertThat(process.exitValue()).as("cdk synth exit code:\n%s", output).isZero();

        File template = out.resolve("Pinpush-synthtest.template.json").toFile();
        assertThat(template).as(output).exists();
        JsonNode resources = new ObjectMapper().readTree(template).path("Resources");
        assertThat(resources.findValuesAsText("Type")).contains("AWS::ApiGatewayV2::Api", "AWS::Lambda::Alias",
                "AWS::DynamoDB::GlobalTable", "AWS::SQS::Queue", "AWS::Kinesis::Stream", "AWS::CloudWatch::Dashboard");
        assertThat(output).doesNotContain("snapStartRequirePublish");
    }
}
