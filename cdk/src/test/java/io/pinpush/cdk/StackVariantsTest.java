package io.pinpush.cdk;

import static io.pinpush.cdk.Cfn.at;
import static io.pinpush.cdk.Cfn.list;
import static io.pinpush.cdk.Cfn.map;
import static io.pinpush.cdk.Cfn.props;
import static io.pinpush.cdk.Cfn.resources;
import static io.pinpush.cdk.Cfn.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** What context changes: sizing, throwaway stages, alarm notifications, global tables. */
class StackVariantsTest {

    @Test
    void contextTunesFunctionsQueueRetentionAndAlarmNotifications() {
        Template template = Synth.template(Map.ofEntries(
                Map.entry("stage", "tuned"),
                Map.entry("dispatcherMemoryMb", "2048"),
                Map.entry("dispatcherTimeoutSeconds", "120"),
                Map.entry("dispatcherBatchSize", "100"),
                Map.entry("dispatcherBatchWindowSeconds", "5"),
                Map.entry("dispatcherMaxConcurrency", "50"),
                Map.entry("maxReceiveCount", "3"),
                Map.entry("logRetentionDays", "7"),
                Map.entry("throttleRateLimit", "50"),
                Map.entry("throttleBurstLimit", "100"),
                Map.entry("alarmEmail", "ops@example.com")));

        var dispatcher = resources(template, "AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(p -> String.valueOf(p.get("Handler")).contains("DispatcherHandler")).findFirst().orElseThrow();
        assertThat(dispatcher.get("MemorySize")).isEqualTo(2048);
        assertThat(dispatcher.get("Timeout")).isEqualTo(120);
        assertThat(map(at(dispatcher, "Environment", "Variables")).get("PINPUSH_MAX_ATTEMPTS")).isEqualTo("3");
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("BatchSize", 100,
                "MaximumBatchingWindowInSeconds", 5, "ScalingConfig", Map.of("MaximumConcurrency", 50)));
        template.hasResourceProperties("AWS::SQS::Queue", software.amazon.awscdk.assertions.Match.objectLike(Map.of(
                "QueueName", "pinpush-tuned-deliveries", "VisibilityTimeout", 720,
                "RedrivePolicy", software.amazon.awscdk.assertions.Match.objectLike(Map.of("maxReceiveCount", 3)))));
        resources(template, "AWS::Logs::LogGroup").values()
                .forEach(group -> assertThat(props(group).get("RetentionInDays")).isEqualTo(7));
        assertThat(at(props(resources(template, "AWS::ApiGatewayV2::Stage").values().iterator().next()),
                "DefaultRouteSettings")).isEqualTo(Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100));

        var topics = resources(template, "AWS::SNS::Topic");
        assertThat(topics).hasSize(1);
        String topicId = topics.keySet().iterator().next();
        assertThat(target(props(topics.get(topicId)).get("KmsMasterKeyId"))).startsWith("Key");
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topicId)));
        resources(template, "AWS::CloudWatch::Alarm").forEach((id, alarm) ->
                assertThat(list(props(alarm).get("AlarmActions"))).as(id).containsExactly(Map.of("Ref", topicId)));
        assertThat(template.toJSON().get("Outputs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("AlarmTopicArn");
    }

    @Test
    void throwawayStageDeletesItsDataWithTheStack() {
        Template template = Synth.template(Map.of("stage", "scratch", "throwaway", "true"));

        resources(template, "AWS::DynamoDB::GlobalTable").forEach((id, table) -> {
            assertThat(table.get("DeletionPolicy")).as(id).isEqualTo("Delete");
            assertThat(map(list(props(table).get("Replicas")).get(0)).get("DeletionProtectionEnabled")).isEqualTo(false);
        });
        for (String type : List.of("AWS::SQS::Queue", "AWS::Kinesis::Stream", "AWS::KMS::Key")) {
            resources(template, type).forEach((id, resource) ->
                    assertThat(resource.get("DeletionPolicy")).as(id).isEqualTo("Delete"));
        }
        template.hasResourceProperties("AWS::KMS::Key", software.amazon.awscdk.assertions.Match.objectLike(
                Map.of("PendingWindowInDays", 7)));
    }

    @Test
    void replicaRegionsTurnTheTablesIntoGlobalTablesInEachRegion() {
        Template template = Synth.template(Map.of("region", "us-east-1", "replicaRegions", "us-west-2, eu-west-1"));

        resources(template, "AWS::DynamoDB::GlobalTable").forEach((id, table) -> {
            var replicas = list(props(table).get("Replicas"));
            assertThat(replicas).extracting(r -> map(r).get("Region"))
                    .containsExactlyInAnyOrder("us-east-1", "us-west-2", "eu-west-1");
            replicas.forEach(r -> assertThat(map(r).get("PointInTimeRecoverySpecification"))
                    .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true)));
            assertThat(props(table).get("StreamSpecification"))
                    .isEqualTo(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
        });
    }

    @Test
    void aReplicaRegionsStackUsesTheHomeRegionsTablesByName() {
        Template template = Synth.template(Map.of("region", "us-west-2", "globalTableHome", "us-east-1"));

        assertThat(resources(template, "AWS::DynamoDB::GlobalTable")).isEmpty();
        var env = resources(template, "AWS::Lambda::Function").values().stream()
                .map(f -> map(at(props(f), "Environment", "Variables"))).findFirst().orElseThrow();
        assertThat(env.get("PINPUSH_TABLE_APPS")).isEqualTo("pinpush-test-apps");
        String policies = String.valueOf(resources(template, "AWS::IAM::Policy"));
        assertThat(policies).contains(":table/pinpush-test-apps").contains(":table/pinpush-test-apps/index/*");
    }

    @Test
    void missingLambdaJarFailsWithTheCommandThatBuildsIt() {
        assertThatThrownBy(() -> Synth.stack(Map.of("functionsJar", "does/not/exist.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does/not/exist.jar does not exist")
                .hasMessageContaining("mvn -pl functions -am package");
    }

    @Test
    void contextMistakesAreRejectedBeforeAnythingIsSynthesized() {
        assertThatThrownBy(() -> Synth.stack(Map.of("dispatcherBatchSize", "100", "dispatcherBatchWindowSeconds", "0")))
                .hasMessageContaining("dispatcherBatchSize").hasMessageContaining("between 1 and 10");
        assertThatThrownBy(() -> Synth.stack(Map.of("logRetentionDays", "31")))
                .hasMessageContaining("logRetentionDays");
        assertThatThrownBy(() -> Synth.stack(Map.of("stage", "Prod_1")))
                .hasMessageContaining("stage");
        assertThatThrownBy(() -> Synth.stack(Map.of("throwaway", "yes")))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> Synth.stack(Map.of("replicaRegions", "us-west-2", "globalTableHome", "us-east-1",
                "region", "eu-west-1"))).hasMessageContaining("not both");
    }

    @Test
    void theDispatcherCompilesWithC2OnlyWhenAsked() {
        Map<String, Object> defaultDispatcher = dispatcherEnvironment(Synth.template(Map.of()));
        Map<String, Object> c2Dispatcher = dispatcherEnvironment(Synth.template(Map.of("stage", "jit", "dispatcherJit", "c2")));

        assertThat(defaultDispatcher).doesNotContainKey("JAVA_TOOL_OPTIONS");
        assertThat(c2Dispatcher).containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
        assertThatThrownBy(() -> Synth.stack(Map.of("dispatcherJit", "graal"))).hasMessageContaining("dispatcherJit");
    }

    private static Map<String, Object> dispatcherEnvironment(Template template) {
        return resources(template, "AWS::Lambda::Function").values().stream()
                .map(Cfn::props)
                .filter(function -> String.valueOf(function.get("Handler")).contains("DispatcherHandler"))
                .map(function -> map(at(function, "Environment", "Variables")))
                .findFirst().orElseThrow();
    }

    @Test
    void keysModeOpensThePinpointRoutesToTheHandlersAndKeepsKeyAdministrationBehindIam() {
        Template template = Synth.template(Map.of("stage", "keys", "authMode", "keys"));

        var routes = resources(template, "AWS::ApiGatewayV2::Route");
        assertThat(routes).isNotEmpty();
        routes.values().forEach(route -> {
            String key = (String) props(route).get("RouteKey");
            String expected = key.contains("/v1/pinpush/access-keys") ? "AWS_IAM" : "NONE";
            assertThat(props(route).get("AuthorizationType")).as(key).isEqualTo(expected);
        });
        assertThat(routes.values().stream().map(r -> (String) props(r).get("RouteKey")))
                .contains("POST /v1/pinpush/access-keys", "PATCH /v1/pinpush/access-keys/{keyId}",
                        "POST /v1/pinpush/access-keys/{keyId}/rotate", "POST /v1/apps/{applicationId}/messages");

        resources(template, "AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(p -> String.valueOf(p.get("Handler")).contains("ApiHandler")
                        || String.valueOf(p.get("Handler")).contains("SendHandler"))
                .forEach(function -> assertThat(map(at(function, "Environment", "Variables")))
                        .containsEntry("PINPUSH_AUTH_MODE", "keys")
                        .containsEntry("PINPUSH_BOOTSTRAP_KEY_SECRET", "pinpush/keys/access-keys/bootstrap"));

        var secrets = resources(template, "AWS::SecretsManager::Secret");
        assertThat(secrets).hasSize(1);
        var secret = props(secrets.values().iterator().next());
        assertThat(secret.get("Name")).isEqualTo("pinpush/keys/access-keys/bootstrap");
        assertThat(target(secret.get("KmsKeyId"))).startsWith("Key");
        assertThat(map(secret.get("GenerateSecretString"))).containsEntry("GenerateStringKey", "SecretAccessKey")
                .containsEntry("PasswordLength", 40)
                .containsEntry("SecretStringTemplate", "{\"AccessKeyId\":\"PPKBOOTSTRAPADMINKEY\"}");
        assertThat(template.toJSON().get("Outputs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("BootstrapAdminKeySecretArn", "AuthMode");
    }

    @Test
    void iamModeIsTheDefaultAndCreatesNoBootstrapKey() {
        Template template = Synth.template(Map.of("stage", "iamdefault"));
        resources(template, "AWS::ApiGatewayV2::Route").forEach((id, route) ->
                assertThat(props(route).get("AuthorizationType")).as(id).isEqualTo("AWS_IAM"));
        assertThat(resources(template, "AWS::SecretsManager::Secret")).isEmpty();
        resources(template, "AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(p -> String.valueOf(p.get("Handler")).contains("ApiHandler"))
                .forEach(function -> assertThat(map(at(function, "Environment", "Variables")))
                        .containsEntry("PINPUSH_AUTH_MODE", "iam").doesNotContainKey("PINPUSH_BOOTSTRAP_KEY_SECRET"));
        assertThatThrownBy(() -> Synth.template(Map.of("stage", "bad", "authMode", "sigv4")))
                .hasMessageContaining("authMode");
    }
}
