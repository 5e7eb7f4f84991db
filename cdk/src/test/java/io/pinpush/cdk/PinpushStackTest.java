package io.pinpush.cdk;

import static io.pinpush.cdk.Cfn.actions;
import static io.pinpush.cdk.Cfn.at;
import static io.pinpush.cdk.Cfn.list;
import static io.pinpush.cdk.Cfn.logicalId;
import static io.pinpush.cdk.Cfn.map;
import static io.pinpush.cdk.Cfn.props;
import static io.pinpush.cdk.Cfn.resources;
import static io.pinpush.cdk.Cfn.statementsOfRole;
import static io.pinpush.cdk.Cfn.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.Pinpush;
import io.pinpush.api.Route;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.secrets.FileSecretStore;
import io.pinpush.store.TableSpec;
import io.pinpush.store.Tables;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized stack with default settings (a stage named "test"): every resource and its security posture. */
class PinpushStackTest {

    private static final List<String> HANDLERS = List.of("ApiHandler", "SendHandler", "DispatcherHandler",
            "DeadLetterHandler", "EventSpillHandler", "TriggerHandler", "CampaignTickHandler", "CampaignRunnerHandler");

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Map.of());
    }

    // --- HTTP API -------------------------------------------------------------------------------------------

    @Test
    void everyRouteRequiresIamSignatures() {
        var routes = resources(template, "AWS::ApiGatewayV2::Route");
        assertThat(routes).isNotEmpty();
        routes.forEach((id, route) -> assertThat(props(route).get("AuthorizationType")).as(id).isEqualTo("AWS_IAM"));
    }

    @Test
    void routesCoverExactlyTheOperationsTheFunctionsImplement(@org.junit.jupiter.api.io.TempDir Path secrets) {
        PinpushConfig config = new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true"));
        List<Route> handled;
        try (AwsClients aws = new AwsClients(config)) {
            handled = new Pinpush(config, aws, new FileSecretStore(secrets), Clock.systemUTC()).apiRoutes();
        }
        Set<String> expected = handled.stream()
                .map(route -> route.method() + " " + shape(route.path().template()))
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> routed = resources(template, "AWS::ApiGatewayV2::Route").values().stream()
                .map(route -> (String) props(route).get("RouteKey"))
                .map(key -> key.substring(0, key.indexOf(' ') + 1) + shape(key.substring(key.indexOf(' ') + 1)))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routed).as("no route without a handler, no handler without a route").isEqualTo(expected);
        assertThat(resources(template, "AWS::ApiGatewayV2::Route")).hasSize(handled.size());
    }

    @Test
    void sendingOperationsGoToTheSendFunctionAndTheRestToTheApiFunction() {
        String apiAlias = logicalId(template, "AWS::Lambda::Alias", "FunctionsApiLive");
        String sendAlias = logicalId(template, "AWS::Lambda::Alias", "FunctionsSendLive");
        var integrations = resources(template, "AWS::ApiGatewayV2::Integration");
        resources(template, "AWS::ApiGatewayV2::Route").forEach((id, route) -> {
            String key = (String) props(route).get("RouteKey");
            String integrationId = integrationOf(props(route));
            var integration = props(integrations.get(integrationId));
            assertThat(integration.get("IntegrationType")).isEqualTo("AWS_PROXY");
            assertThat(integration.get("PayloadFormatVersion")).isEqualTo("2.0");
            boolean send = key.endsWith("/messages") || key.endsWith("/users-messages");
            assertThat(target(integration.get("IntegrationUri"))).as(key).isEqualTo(send ? sendAlias : apiAlias);
        });
    }

    @Test
    void routeKeysUseOnlyVariableNamesApiGatewayAccepts() {
        resources(template, "AWS::ApiGatewayV2::Route").values().forEach(route ->
                assertThat((String) props(route).get("RouteKey"))
                        .matches("(GET|POST|PUT|DELETE|PATCH) (/([A-Za-z0-9._~-]+|\\{[A-Za-z0-9_]+}))*(/\\{[A-Za-z0-9_]+\\+})?"));
        assertThat(ApiRoutes.routePath("/v1/apps/{application-id}/endpoints/{endpoint-id}"))
                .isEqualTo("/v1/apps/{applicationId}/endpoints/{endpointId}");
        assertThat(ApiRoutes.routePath("/v1/tags/{resource-arn}")).isEqualTo("/v1/tags/{resourceArn+}");
    }

    @Test
    void stageIsThrottledAndWritesAccessLogsWithTheCaller() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "AutoDeploy", true,
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000),
                "AccessLogSettings", Match.objectLike(Map.of(
                        "DestinationArn", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::Logs::LogGroup", "ApiAccessLogs"), "Arn")),
                        "Format", Match.stringLikeRegexp(".*\\$context.identity.userArn.*\\$context.requestId.*|.*\\$context.requestId.*\\$context.identity.userArn.*"))))));
        assertThat(resources(template, "AWS::ApiGatewayV2::Stage")).hasSize(1);
    }

    @Test
    void apiGatewayMayInvokeOnlyTheLiveAliasesOfThisApi() {
        var permissions = resources(template, "AWS::Lambda::Permission");
        assertThat(permissions).isNotEmpty();
        String apiId = logicalId(template, "AWS::ApiGatewayV2::Api", "ApiHttpApi");
        permissions.values().forEach(permission -> {
            var p = props(permission);
            assertThat(p.get("Principal")).isEqualTo("apigateway.amazonaws.com");
            assertThat(target(p.get("FunctionName"))).startsWith("Functions").contains("Live");
            assertThat(String.valueOf(p.get("SourceArn"))).contains("Ref=" + apiId);
        });
    }

    // --- Functions ------------------------------------------------------------------------------------------

    @Test
    void functionsRunJava21OnArm64WithSnapStartBehindLiveAliases() {
        var functions = resources(template, "AWS::Lambda::Function");
        assertThat(functions.values()).extracting(f -> props(f).get("Handler")).containsExactlyInAnyOrder(
                "io.pinpush.functions.ApiHandler::handleRequest",
                "io.pinpush.functions.SendHandler::handleRequest",
                "io.pinpush.functions.DispatcherHandler::handleRequest",
                "io.pinpush.functions.DeadLetterHandler::handleRequest",
                "io.pinpush.functions.EventSpillHandler::handleRequest",
                "io.pinpush.functions.JobRunnerHandler::handleRequest",
                "io.pinpush.functions.TriggerHandler::handleRequest",
                "io.pinpush.functions.CampaignTickHandler::handleRequest",
                "io.pinpush.functions.CampaignRunnerHandler::handleRequest");
        var aliases = resources(template, "AWS::Lambda::Alias");
        var versions = resources(template, "AWS::Lambda::Version");
        functions.forEach((id, function) -> {
            var p = props(function);
            assertThat(p.get("Runtime")).isEqualTo("java21");
            assertThat(p.get("Architectures")).isEqualTo(List.of("arm64"));
            assertThat(p.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(p.get("MemorySize")).isEqualTo(String.valueOf(p.get("Handler")).contains("JobRunner") ? 2048 : 1024);
            assertThat(at(p, "LoggingConfig", "LogGroup")).isNotNull();
            // A published version of this function, and the "live" alias pointing at it.
            String version = versions.entrySet().stream()
                    .filter(v -> id.equals(target(props(v.getValue()).get("FunctionName"))))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no version of " + id));
            assertThat(aliases.values()).anySatisfy(alias -> {
                assertThat(props(alias).get("Name")).isEqualTo("live");
                assertThat(target(props(alias).get("FunctionName"))).isEqualTo(id);
                assertThat(target(props(alias).get("FunctionVersion"))).isEqualTo(version);
            });
        });
    }

    @Test
    void timeoutsFitApiGatewayAndTheQueue() {
        assertThat(function("ApiHandler").get("Timeout")).isEqualTo(29);
        assertThat(function("SendHandler").get("Timeout")).isEqualTo(29);
        assertThat(function("DispatcherHandler").get("Timeout")).isEqualTo(60);
        assertThat(function("EventSpillHandler").get("Timeout")).isEqualTo(60);
        assertThat(props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue",
                "MessagingEventSpillQueue"))).get("VisibilityTimeout")).isEqualTo(6 * 60);
    }

    @Test
    void functionsFindEveryResourceThroughTheirEnvironment() {
        for (String handler : List.of("ApiHandler", "SendHandler", "DispatcherHandler", "EventSpillHandler")) {
            var env = map(at(function(handler), "Environment", "Variables"));
            for (TableSpec spec : Tables.all()) {
                String tableId = logicalId(template, "AWS::DynamoDB::GlobalTable",
                        "Tables" + Character.toUpperCase(spec.logicalName().charAt(0)) + spec.logicalName().substring(1));
                assertThat(target(env.get("PINPUSH_TABLE_" + spec.logicalName().toUpperCase()))).isEqualTo(tableId);
            }
            assertThat(env.get("PINPUSH_SECRET_PREFIX")).isEqualTo("pinpush/test/");
            assertThat(target(env.get("PINPUSH_SECRET_KMS_KEY_ID"))).isEqualTo(logicalId(template, "AWS::KMS::Key", "Key"));
            assertThat(target(env.get("PINPUSH_EVENT_STREAM_NAME"))).as(handler)
                    .isEqualTo(logicalId(template, "AWS::Kinesis::Stream", "MessagingEventStream"));
            assertThat(target(env.get("PINPUSH_EVENT_SPILL_QUEUE_URL"))).as(handler)
                    .isEqualTo(logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillQueue"));
            assertThat(env.get("PINPUSH_ACCOUNT_ID")).isEqualTo(Map.of("Ref", "AWS::AccountId"));
            assertThat(env.get("POWERTOOLS_METRICS_NAMESPACE")).isEqualTo("Pinpush");
            // Providers are reached at their real addresses in AWS: no stand-in endpoint, no local shortcut.
            assertThat(env.keySet()).as(handler).noneMatch(name -> name.startsWith("PINPUSH_ENDPOINT_")
                    || name.matches("PINPUSH_(APNS|APNS_SANDBOX|FCM|GCM_LEGACY)_ENDPOINT|PINPUSH_.*_TRUSTED_CERT")
                    || name.equals("PINPUSH_LOCAL_CREDENTIALS") || name.startsWith("PINPUSH_EVENT_FILE")
                    || name.equals("PINPUSH_EVENT_SPILL_FILE"));
        }
        String deliveryQueue = logicalId(template, "AWS::SQS::Queue", "MessagingDeliveryQueue");
        for (String handler : List.of("SendHandler", "DispatcherHandler")) {
            assertThat(target(map(at(function(handler), "Environment", "Variables")).get("PINPUSH_DELIVERY_QUEUE_URL")))
                    .as(handler).isEqualTo(deliveryQueue);
        }
        assertThat(map(at(function("ApiHandler"), "Environment", "Variables"))).doesNotContainKey("PINPUSH_DELIVERY_QUEUE_URL");
    }

    @Test
    void dispatcherAttemptsAsOftenAsTheQueueRedeliversBeforeDeadLettering() {
        var queue = props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue", "MessagingDeliveryQueue")));
        var env = map(at(function("DispatcherHandler"), "Environment", "Variables"));
        assertThat(env.get("PINPUSH_MAX_ATTEMPTS")).isEqualTo(String.valueOf(at(queue, "RedrivePolicy", "maxReceiveCount")));
    }

    @Test
    void dispatcherReadsTheQueueInBatchesWithPartialBatchResponses() {
        var mappings = resources(template, "AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(6);
        var mapping = mappingOf("MessagingDeliveryQueue");
        assertThat(String.valueOf(mapping.get("FunctionName")))
                .contains(logicalId(template, "AWS::Lambda::Alias", "FunctionsDispatcherLive")).contains(":live");
        assertThat(mapping.get("BatchSize")).isEqualTo(10);
        assertThat(mapping.get("MaximumBatchingWindowInSeconds")).isEqualTo(1);
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", 20));
    }

    @Test
    void deadLetteredDeliveriesAreSettledByTheDeadLetterFunctionWhichMovesPoisonToThePoisonQueue() {
        var mapping = mappingOf("MessagingDeadLetterQueue");
        assertThat(String.valueOf(mapping.get("FunctionName")))
                .contains(logicalId(template, "AWS::Lambda::Alias", "FunctionsDeadLettersLive")).contains(":live");
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("BatchSize")).isEqualTo(10);
        var dlq = props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue", "MessagingDeadLetterQueue")));
        String poisonId = logicalId(template, "AWS::SQS::Queue", "MessagingPoisonQueue");
        var poison = props(resources(template, "AWS::SQS::Queue").get(poisonId));
        assertThat(dlq.get("QueueName")).isEqualTo("pinpush-test-deliveries-dlq");
        assertThat(poison.get("QueueName")).isEqualTo("pinpush-test-deliveries-poison");
        // No redrive: a dead-lettered message keeps its receive count, so a second redrive would pass it on unsettled.
        assertThat(dlq).doesNotContainKey("RedrivePolicy");
        assertThat(target(map(at(function("DeadLetterHandler"), "Environment", "Variables")).get("PINPUSH_POISON_QUEUE_URL")))
                .isEqualTo(poisonId);
        assertThat(dlq.get("VisibilityTimeout")).isEqualTo(6 * (Integer) function("DeadLetterHandler").get("Timeout"));
        assertThat(dlq.get("MessageRetentionPeriod")).isEqualTo(14 * 24 * 3600);
        assertThat(poison.get("MessageRetentionPeriod")).isEqualTo(14 * 24 * 3600);
        assertThat(target(poison.get("KmsMasterKeyId"))).isEqualTo(logicalId(template, "AWS::KMS::Key", "Key"));
        assertThat(queueActions("DeadLetterHandler")).isEqualTo(Map.of(
                logicalId(template, "AWS::SQS::Queue", "MessagingDeadLetterQueue"), CONSUME,
                poisonId, Set.of("sqs:SendMessage"),
                logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillQueue"), Set.of("sqs:SendMessage")));
    }

    @Test
    void triggerFunctionReadsTheEventStreamThroughItsLiveAliasWithBoundedRetriesAndAFailureDestination() {
        String stream = logicalId(template, "AWS::Kinesis::Stream", "MessagingEventStream");
        var mapping = resources(template, "AWS::Lambda::EventSourceMapping").values().stream().map(Cfn::props)
                .filter(m -> stream.equals(target(m.get("EventSourceArn")))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing reads the event stream"));
        String alias = logicalId(template, "AWS::Lambda::Alias", "FunctionsTriggerLive");
        assertThat(String.valueOf(mapping.get("FunctionName"))).contains(alias).contains(":live");
        assertThat(mapping.get("StartingPosition")).isEqualTo("LATEST");
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("BisectBatchOnFunctionError")).isEqualTo(true);
        assertThat(mapping.get("MaximumRetryAttempts")).isEqualTo(5);
        assertThat(mapping.get("MaximumRecordAgeInSeconds")).isEqualTo(3600);
        String failures = logicalId(template, "AWS::SQS::Queue", "FunctionsTriggerFailures");
        assertThat(target(at(mapping, "DestinationConfig", "OnFailure", "Destination"))).isEqualTo(failures);
        assertThat(props(resources(template, "AWS::SQS::Queue").get(failures)).get("SqsManagedSseEnabled")).isEqualTo(true);
        // The stream is read through the event source's grant; the function writes it only through PutRecords.
        assertThat(actionsOf("TriggerHandler")).contains("kinesis:GetRecords", "kinesis:GetShardIterator");
    }

    @Test
    void hookFunctionsMayBeInvokedOnlyWhenListedAndOnlyThose() {
        // Only the campaign tick's schedule may invoke a function (its own alias) when no hook functions are listed.
        assertThat(resources(template, "AWS::IAM::Policy").values().stream().map(String::valueOf)
                .filter(policy -> !policy.contains("CampaignTickLive"))).noneMatch(p -> p.contains("lambda:InvokeFunction"));
        String filter = "arn:aws:lambda:us-east-1:123456789012:function:cart-filter";
        String deliver = "arn:aws:lambda:us-east-1:123456789012:function:deliver:live";
        Template withHooks = Synth.template(Map.of("hookFunctionArns", filter + "," + deliver));
        String triggerRole = target(resources(withHooks, "AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(p -> String.valueOf(p.get("Handler")).contains(".TriggerHandler::")).findFirst().orElseThrow()
                .get("Role"));
        var invoke = statementsOfRole(withHooks, triggerRole).stream()
                .filter(s -> actions(s).contains("lambda:InvokeFunction")).toList();
        assertThat(invoke).singleElement().satisfies(s -> {
            assertThat(actions(s)).containsExactly("lambda:InvokeFunction");
            assertThat(list(s.get("Resource"))).containsExactly(filter, deliver);
        });
        // The functions that run campaign sends (the trigger function and the campaign runner) and nothing else.
        assertThat(resources(withHooks, "AWS::IAM::Policy").values().stream()
                .filter(p -> String.valueOf(p).contains(filter)).count()).isEqualTo(2);
        String runnerRole = target(resources(withHooks, "AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(p -> String.valueOf(p.get("Handler")).contains(".CampaignRunnerHandler::")).findFirst()
                .orElseThrow().get("Role"));
        assertThat(statementsOfRole(withHooks, runnerRole).stream().filter(s -> actions(s).contains("lambda:InvokeFunction")))
                .singleElement().satisfies(s -> assertThat(list(s.get("Resource"))).containsExactly(filter, deliver));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Synth.template(Map.of("hookFunctionArns", "cart-filter")))
                .hasStackTraceContaining("hookFunctionArns");
    }

    @Test
    void eventSpillReplayerDrainsTheSpillQueueThroughItsLiveAliasWithPartialBatchResponses() {
        var mapping = mappingOf("MessagingEventSpillQueue");
        String alias = logicalId(template, "AWS::Lambda::Alias", "FunctionsEventSpillLive");
        assertThat(String.valueOf(mapping.get("FunctionName"))).contains(alias).contains(":live");
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", 2));
        String spillFunction = logicalId(template, "AWS::Lambda::Function", "FunctionsEventSpillFunction");
        assertThat(target(props(resources(template, "AWS::Lambda::Alias").get(alias)).get("FunctionName")))
                .isEqualTo(spillFunction);
    }

    // --- Storage --------------------------------------------------------------------------------------------

    @Test
    void tablesFollowTheirSpecsAndAreProtected() {
        var tables = resources(template, "AWS::DynamoDB::GlobalTable");
        assertThat(tables).hasSize(Tables.all().size());
        for (TableSpec spec : Tables.all()) {
            var entry = tables.entrySet().stream()
                    .filter(t -> ("pinpush-test-" + spec.logicalName()).equals(props(t.getValue()).get("TableName")))
                    .findFirst().orElseThrow(() -> new AssertionError("no table for " + spec.logicalName()));
            var resource = entry.getValue();
            var p = props(resource);
            assertThat(resource.get("DeletionPolicy")).isEqualTo("Retain");
            assertThat(resource.get("UpdateReplacePolicy")).isEqualTo("Retain");
            assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(p.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true, "SSEType", "KMS"));
            assertThat(p.get("KeySchema")).isEqualTo(keySchema(spec.partitionKey(), spec.sortKey()));
            var indexes = list(p.getOrDefault("GlobalSecondaryIndexes", List.of()));
            assertThat(indexes).hasSize(spec.indexes().size());
            for (TableSpec.IndexSpec index : spec.indexes()) {
                assertThat(indexes).anySatisfy(i -> {
                    assertThat(map(i).get("IndexName")).isEqualTo(index.name());
                    assertThat(map(i).get("KeySchema")).isEqualTo(keySchema(index.partitionKey(), index.sortKey()));
                    assertThat(map(i).get("Projection")).isEqualTo(Map.of("ProjectionType", "ALL"));
                });
            }
            spec.ttlAttribute().ifPresentOrElse(
                    ttl -> assertThat(p.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", ttl, "Enabled", true)),
                    () -> assertThat(p).doesNotContainKey("TimeToLiveSpecification"));
            var replicas = list(p.get("Replicas"));
            assertThat(replicas).hasSize(1);
            var replica = map(replicas.get(0));
            assertThat(replica.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
            assertThat(replica.get("DeletionProtectionEnabled")).isEqualTo(true);
        }
    }

    @Test
    void deliveryQueueIsEncryptedDeadLettersAndOutlastsTheDispatcher() {
        var queue = props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue", "MessagingDeliveryQueue")));
        var dlqId = logicalId(template, "AWS::SQS::Queue", "MessagingDeadLetterQueue");
        var dlq = props(resources(template, "AWS::SQS::Queue").get(dlqId));
        String keyId = logicalId(template, "AWS::KMS::Key", "Key");

        assertThat(target(queue.get("KmsMasterKeyId"))).isEqualTo(keyId);
        assertThat(target(dlq.get("KmsMasterKeyId"))).isEqualTo(keyId);
        assertThat(target(at(queue, "RedrivePolicy", "deadLetterTargetArn"))).isEqualTo(dlqId);
        assertThat(at(queue, "RedrivePolicy", "maxReceiveCount")).isEqualTo(5);
        assertThat(dlq.get("MessageRetentionPeriod")).isEqualTo(14 * 24 * 3600);
        int dispatcherTimeout = (Integer) function("DispatcherHandler").get("Timeout");
        assertThat(queue.get("VisibilityTimeout")).isEqualTo(6 * dispatcherTimeout);
        // Every queue refuses requests that do not use TLS.
        assertThat(resources(template, "AWS::SQS::QueuePolicy")).hasSize(9).allSatisfy((id, policy) ->
                assertThat(String.valueOf(props(policy).get("PolicyDocument")))
                        .contains("Effect=Deny").contains("aws:SecureTransport=false"));
    }

    @Test
    void eventSpillQueueIsEncryptedAndDeadLettersWhatNoReplayCouldWrite() {
        var queue = props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillQueue")));
        String dlqId = logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillDeadLetterQueue");
        var dlq = props(resources(template, "AWS::SQS::Queue").get(dlqId));
        String keyId = logicalId(template, "AWS::KMS::Key", "Key");

        assertThat(queue.get("QueueName")).isEqualTo("pinpush-test-events-spill");
        assertThat(dlq.get("QueueName")).isEqualTo("pinpush-test-events-spill-dlq");
        assertThat(target(queue.get("KmsMasterKeyId"))).isEqualTo(keyId);
        assertThat(target(dlq.get("KmsMasterKeyId"))).isEqualTo(keyId);
        assertThat(target(at(queue, "RedrivePolicy", "deadLetterTargetArn"))).isEqualTo(dlqId);
        assertThat(at(queue, "RedrivePolicy", "maxReceiveCount")).isEqualTo(10);
        assertThat(queue.get("MessageRetentionPeriod")).isEqualTo(14 * 24 * 3600);
        assertThat(dlq.get("MessageRetentionPeriod")).isEqualTo(14 * 24 * 3600);
        template.hasResource("AWS::SQS::Queue", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("QueueName", "pinpush-test-events-spill")), "DeletionPolicy", "Retain")));
    }

    @Test
    void eventStreamIsOnDemandAndEncryptedWithTheStackKey() {
        template.hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "Name", "pinpush-test-events",
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                "RetentionPeriodHours", 24,
                "StreamEncryption", Map.of("EncryptionType", "KMS",
                        "KeyId", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::KMS::Key", "Key"), "Arn")))));
        template.hasResource("AWS::Kinesis::Stream", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void customerManagedKeyRotatesAndIsRetained() {
        template.hasResource("AWS::KMS::Key", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("EnableKeyRotation", true)),
                "DeletionPolicy", "Retain")));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/pinpush-test",
                "TargetKeyId", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::KMS::Key", "Key"), "Arn"))));
    }

    // --- IAM ------------------------------------------------------------------------------------------------

    @Test
    void noPolicyGrantsWildcardActionsOrDataAccessOnEveryResource() {
        var policies = resources(template, "AWS::IAM::Policy");
        assertThat(policies).isNotEmpty();
        policies.forEach((id, policy) -> list(at(props(policy), "PolicyDocument", "Statement")).forEach(s -> {
            var statement = map(s);
            assertThat(actions(statement)).as(id).noneMatch(action -> action.contains("*"));
            assertThat(list(statement.get("Resource"))).as(id).doesNotContain("*");
        }));
    }

    private static final Set<String> TABLE_READ = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    private static final Set<String> TABLE_DATA = union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"));
    private static final Set<String> KINESIS_CONSUME = Set.of("kinesis:DescribeStreamSummary", "kinesis:GetRecords",
            "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:SubscribeToShard", "kinesis:DescribeStream",
            "kinesis:DescribeStreamConsumer",
            "kinesis:ListStreams");
    private static final Set<String> CONSUME = Set.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

    @Test
    void eachFunctionIsGrantedOnlyWhatItUses() {
        Set<String> events = Set.of("kinesis:PutRecords", "sqs:SendMessage", "sts:AssumeRole");
        Set<String> key = Set.of("kms:Decrypt", "kms:GenerateDataKey");

        assertThat(actionsOf("ApiHandler")).isEqualTo(union(TABLE_DATA, key, events, Set.of("dynamodb:Scan",
                "secretsmanager:CreateSecret",
                "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret",
                "secretsmanager:TagResource")));
        assertThat(actionsOf("SendHandler")).isEqualTo(union(TABLE_READ, Set.of("dynamodb:PutItem",
                "dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "dynamodb:PartiQLInsert"), key, events,
                Set.of("secretsmanager:GetSecretValue")));
        assertThat(actionsOf("DispatcherHandler")).isEqualTo(union(TABLE_READ, Set.of("dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                "dynamodb:PartiQLInsert"), key, events,
                Set.of("secretsmanager:GetSecretValue"), CONSUME));
        assertThat(actionsOf("CampaignTickHandler")).isEqualTo(union(TABLE_DATA, key, events));
        assertThat(actionsOf("CampaignRunnerHandler")).isEqualTo(union(TABLE_DATA, key, events,
                Set.of("secretsmanager:GetSecretValue", "dynamodb:PartiQLInsert"), CONSUME));
        assertThat(actionsOf("TriggerHandler")).isEqualTo(union(TABLE_READ, Set.of("dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem",
                "dynamodb:PartiQLInsert"),
                key, events, Set.of("secretsmanager:GetSecretValue"), KINESIS_CONSUME,
                Set.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl")));
        assertThat(actionsOf("EventSpillHandler")).isEqualTo(union(key, events, CONSUME));
        assertThat(actionsOf("DeadLetterHandler")).isEqualTo(union(TABLE_READ, Set.of("dynamodb:UpdateItem",
                "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert"), key, events, CONSUME));
    }

    @Test
    void eachFunctionReachesOnlyTheTablesItUsesInTheWayItUsesThem() {
        assertThat(tableActions("ApiHandler")).isEqualTo(Map.ofEntries(Map.entry("apps", TABLE_DATA),
                Map.entry("endpoints", TABLE_DATA), Map.entry("templates", TABLE_DATA), Map.entry("segments", TABLE_DATA),
                Map.entry("campaigns", TABLE_DATA), Map.entry("campaignruns", TABLE_DATA), Map.entry("jobs", TABLE_DATA),
                Map.entry("deliveries", Set.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchWriteItem")),
                Map.entry("accesskeys", union(TABLE_DATA, Set.of("dynamodb:Scan"))),
                Map.entry("audit", Set.of("dynamodb:PutItem", "dynamodb:Query")),
                Map.entry("quotas", Set.of("dynamodb:UpdateItem"))));
        assertThat(tableActions("SendHandler")).isEqualTo(Map.of("apps", TABLE_READ, "endpoints", TABLE_READ,
                "templates", TABLE_READ, "deliveries", union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem",
                        "dynamodb:PartiQLInsert")),
                "accesskeys", union(TABLE_READ, Set.of("dynamodb:PutItem")), "quotas", Set.of("dynamodb:UpdateItem")));
        assertThat(tableActions("DispatcherHandler")).isEqualTo(Map.of("apps", TABLE_READ,
                "endpoints", union(TABLE_READ, Set.of("dynamodb:PutItem")),
                "deliveries", union(TABLE_READ, Set.of("dynamodb:PartiQLInsert", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem")),
                "triggers", Set.of("dynamodb:UpdateItem"),
                "campaignruns", union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem")),
                "campaigns", union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem"))));
        assertThat(tableActions("CampaignTickHandler")).isEqualTo(Map.of("apps", TABLE_READ,
                "campaigns", TABLE_DATA, "campaignruns", TABLE_DATA));
        assertThat(tableActions("CampaignRunnerHandler")).isEqualTo(Map.of("apps", TABLE_READ, "endpoints", TABLE_READ,
                "segments", TABLE_READ, "templates", TABLE_READ, "campaigns", TABLE_DATA, "campaignruns", TABLE_DATA,
                "triggers", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:ConditionCheckItem"),
                "deliveries", union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem",
                        "dynamodb:PartiQLInsert"))));
        assertThat(tableActions("EventSpillHandler")).isEmpty();
        // The app item names the app's own event stream, where the outcome's event goes too.
        assertThat(tableActions("DeadLetterHandler")).isEqualTo(Map.of("apps", TABLE_READ,
                "deliveries", union(TABLE_READ, Set.of("dynamodb:PartiQLInsert", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"))));
        // The trigger function marks a campaign whose segment was deleted DELETED (a transaction of puts).
        assertThat(tableActions("TriggerHandler")).isEqualTo(Map.of("apps", TABLE_READ,
                "campaigns", union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem")),
                "segments", TABLE_READ, "endpoints", TABLE_READ, "templates", TABLE_READ,
                "triggers", Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:ConditionCheckItem"),
                "deliveries", union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem",
                        "dynamodb:PartiQLInsert"))));
        Set<String> importWrites = union(TABLE_READ, Set.of("dynamodb:PutItem", "dynamodb:BatchWriteItem",
                "dynamodb:UpdateItem"));
        assertThat(tableActions("JobRunnerHandler")).isEqualTo(Map.of("apps", TABLE_READ, "endpoints", importWrites,
                "segments", union(TABLE_READ, Set.of("dynamodb:PutItem")), "jobs", importWrites));
    }

    @Test
    void jobRunnerDrainsTheJobQueueOnePieceAtATimeAndReachesS3OnlyThroughTaggedRoles() {
        var mapping = mappingOf("MessagingJobQueue");
        String alias = logicalId(template, "AWS::Lambda::Alias", "FunctionsJobRunnerLive");
        assertThat(String.valueOf(mapping.get("FunctionName"))).contains(alias).contains(":live");
        assertThat(mapping.get("BatchSize")).isEqualTo(1);
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", 10));

        var queue = props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue", "MessagingJobQueue")));
        assertThat(queue.get("VisibilityTimeout")).isEqualTo(6 * 300);
        assertThat(function("JobRunnerHandler").get("Timeout")).isEqualTo(300);
        assertThat(at(queue, "RedrivePolicy", "maxReceiveCount")).isEqualTo(io.pinpush.jobs.JobRunner.PIECE_ATTEMPTS + 1);
        assertThat(target(at(queue, "RedrivePolicy", "deadLetterTargetArn")))
                .isEqualTo(logicalId(template, "AWS::SQS::Queue", "MessagingJobDeadLetterQueue"));
        assertThat(target(queue.get("KmsMasterKeyId"))).isEqualTo(logicalId(template, "AWS::KMS::Key", "Key"));

        String jobQueue = logicalId(template, "AWS::SQS::Queue", "MessagingJobQueue");
        for (String handler : List.of("ApiHandler", "JobRunnerHandler")) {
            assertThat(target(map(at(function(handler), "Environment", "Variables")).get("PINPUSH_JOB_QUEUE_URL")))
                    .as(handler).isEqualTo(jobQueue);
        }
        assertThat(queueActions("JobRunnerHandler")).isEqualTo(Map.of(jobQueue, union(CONSUME, Set.of("sqs:SendMessage"))));
        assertThat(queueActions("ApiHandler")).containsEntry(jobQueue, Set.of("sqs:SendMessage"));
        // No S3 permission of its own, no event stream: S3 only as the job's role, which must be tagged for the stage.
        assertThat(actionsOf("JobRunnerHandler")).noneMatch(a -> a.startsWith("s3:") || a.startsWith("kinesis:")
                || a.startsWith("secretsmanager:"));
        var assume = statementsOfRole(template, roleOf("JobRunnerHandler")).stream()
                .filter(s -> actions(s).contains("sts:AssumeRole")).toList();
        assertThat(assume).singleElement().satisfies(s -> assertThat(s.get("Condition")).isEqualTo(Map.of(
                "StringEquals", Map.of("iam:ResourceTag/pinpush:job-access", "test"))));
    }

    @Test
    void auditRecordsAndQuotaCountersExpireAndOnlyTheApiAndSendFunctionsReachThem() {
        for (TableSpec spec : List.of(Tables.AUDIT, Tables.QUOTAS)) {
            template.hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                    "TableName", "pinpush-test-" + spec.logicalName(),
                    "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))));
        }
        // Records are appended and read, never changed or deleted: the API role cannot rewrite history.
        assertThat(tableActions("ApiHandler").get("audit")).doesNotContain("dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem");
        assertThat(tableActions("SendHandler")).doesNotContainKey("audit");
        assertThat(tableActions("DispatcherHandler")).doesNotContainKeys("audit", "quotas");
        assertThat(tableActions("EventSpillHandler")).doesNotContainKeys("audit", "quotas");
    }

    @Test
    void queuesAreReachedOnlyByTheirProducersAndConsumers() {
        String deliveries = logicalId(template, "AWS::SQS::Queue", "MessagingDeliveryQueue");
        String spill = logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillQueue");
        String jobs = logicalId(template, "AWS::SQS::Queue", "MessagingJobQueue");
        assertThat(queueActions("ApiHandler")).isEqualTo(Map.of(spill, Set.of("sqs:SendMessage"),
                jobs, Set.of("sqs:SendMessage")));
        assertThat(queueActions("SendHandler")).isEqualTo(Map.of(deliveries, Set.of("sqs:SendMessage"),
                spill, Set.of("sqs:SendMessage")));
        // The dispatcher also puts deliveries a campaign's MessagesPerSecond deferred back on the queue.
        assertThat(queueActions("DispatcherHandler")).isEqualTo(Map.of(deliveries, union(CONSUME, Set.of("sqs:SendMessage")),
                spill, Set.of("sqs:SendMessage")));
        String triggerFailures = logicalId(template, "AWS::SQS::Queue", "FunctionsTriggerFailures");
        assertThat(queueActions("TriggerHandler")).isEqualTo(Map.of(deliveries, Set.of("sqs:SendMessage"),
                spill, Set.of("sqs:SendMessage"),
                triggerFailures, Set.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl")));
        assertThat(queueActions("EventSpillHandler")).isEqualTo(Map.of(spill, union(CONSUME, Set.of("sqs:SendMessage"))));
        String campaignWork = logicalId(template, "AWS::SQS::Queue", "MessagingCampaignQueue");
        assertThat(queueActions("CampaignTickHandler")).isEqualTo(Map.of(campaignWork, Set.of("sqs:SendMessage"),
                spill, Set.of("sqs:SendMessage")));
        assertThat(queueActions("CampaignRunnerHandler")).isEqualTo(Map.of(campaignWork, CONSUME,
                deliveries, Set.of("sqs:SendMessage"), spill, Set.of("sqs:SendMessage")));
        for (String handler : HANDLERS) {
            assertThat(statementsOfRole(template, roleOf(handler))).filteredOn(s -> actions(s).contains("kinesis:PutRecords"))
                    .singleElement().satisfies(s -> assertThat(target(s.get("Resource")))
                            .isEqualTo(logicalId(template, "AWS::Kinesis::Stream", "MessagingEventStream")));
        }
    }

    @Test
    void eventDestinationRolesMustBeThisAccountsAndTaggedForTheStage() {
        for (String handler : HANDLERS) {
            var assume = statementsOfRole(template, roleOf(handler)).stream()
                    .filter(s -> actions(s).contains("sts:AssumeRole")).toList();
            assertThat(assume).as(handler).singleElement().satisfies(s -> {
                assertThat(actions(s)).containsExactly("sts:AssumeRole");
                assertThat(s.get("Condition")).isEqualTo(Map.of("StringEquals",
                        Map.of("iam:ResourceTag/pinpush:event-destination", "test")));
                assertThat(String.valueOf(s.get("Resource"))).contains(":iam::").contains("Ref=AWS::AccountId")
                        .endsWith(":role/*]]}");
            });
        }
        // Destinations are written only with the role their PutEventStream names, never with a function's own.
        assertThat(String.valueOf(resources(template, "AWS::IAM::Policy"))).doesNotContain("firehose:");
    }

    @Test
    void tableAccessCoversOnlyTheStacksTablesAndTheirIndexes() {
        Set<String> tableIds = resources(template, "AWS::DynamoDB::GlobalTable").keySet();
        for (String handler : HANDLERS) {
            statementsOfRole(template, roleOf(handler)).stream()
                    .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                    .forEach(s -> assertThat(list(s.get("Resource"))).allSatisfy(resource ->
                            assertThat(tableIds).anyMatch(id -> String.valueOf(resource).contains(id))));
        }
    }

    @Test
    void secretAccessStopsAtTheStagesPrefix() {
        assertThat(actionsOf("EventSpillHandler")).noneMatch(action -> action.startsWith("secretsmanager:"));
        assertThat(actionsOf("DeadLetterHandler")).noneMatch(action -> action.startsWith("secretsmanager:"));
        for (String handler : List.of("ApiHandler", "SendHandler", "DispatcherHandler", "TriggerHandler")) {
            var statements = statementsOfRole(template, roleOf(handler)).stream()
                    .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("secretsmanager:"))).toList();
            assertThat(statements).as(handler).hasSize(1);
            assertThat(String.valueOf(statements.get(0).get("Resource")))
                    .contains(":secretsmanager:").endsWith(":secret:pinpush/test/*]]}");
        }
    }

    // --- Observability --------------------------------------------------------------------------------------

    @Test
    void theCampaignTickRunsEveryMinuteOnEventBridgeSchedulerThroughItsLiveAlias() {
        var schedules = resources(template, "AWS::Scheduler::Schedule");
        assertThat(schedules).hasSize(1);
        var schedule = props(schedules.values().iterator().next());
        assertThat(schedule.get("ScheduleExpression")).isEqualTo("rate(1 minute)");
        assertThat(schedule.get("State")).isNotEqualTo("DISABLED");
        String tickAlias = logicalId(template, "AWS::Lambda::Alias", "FunctionsCampaignTickLive");
        assertThat(target(at(schedule, "Target", "Arn"))).isEqualTo(tickAlias);
        // The scheduler's role may invoke the tick's alias and nothing else.
        String role = target(at(schedule, "Target", "RoleArn"));
        assertThat(statementsOfRole(template, role)).singleElement().satisfies(s -> {
            assertThat(actions(s)).containsExactly("lambda:InvokeFunction");
            assertThat(String.valueOf(s.get("Resource"))).contains(tickAlias).doesNotContain("*");
        });
    }

    @Test
    void theCampaignRunnerDrainsTheCampaignQueueWhichDeadLettersAndOutlastsIt() {
        var mapping = mappingOf("MessagingCampaignQueue");
        assertThat(String.valueOf(mapping.get("FunctionName")))
                .contains(logicalId(template, "AWS::Lambda::Alias", "FunctionsCampaignRunnerLive")).contains(":live");
        assertThat(mapping.get("BatchSize")).isEqualTo(1);
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", 16));
        var queue = props(resources(template, "AWS::SQS::Queue").get(logicalId(template, "AWS::SQS::Queue", "MessagingCampaignQueue")));
        String dlq = logicalId(template, "AWS::SQS::Queue", "MessagingCampaignDeadLetterQueue");
        assertThat(target(at(queue, "RedrivePolicy", "deadLetterTargetArn"))).isEqualTo(dlq);
        assertThat(target(queue.get("KmsMasterKeyId"))).isEqualTo(logicalId(template, "AWS::KMS::Key", "Key"));
        assertThat(queue.get("VisibilityTimeout")).isEqualTo(6 * (Integer) function("CampaignRunnerHandler").get("Timeout"));
        var env = map(at(function("CampaignRunnerHandler"), "Environment", "Variables"));
        assertThat(target(env.get("PINPUSH_CAMPAIGN_QUEUE_URL"))).isEqualTo(logicalId(template, "AWS::SQS::Queue", "MessagingCampaignQueue"));
        assertThat(target(env.get("PINPUSH_DELIVERY_QUEUE_URL"))).isEqualTo(logicalId(template, "AWS::SQS::Queue", "MessagingDeliveryQueue"));
        assertThat(resources(template, "AWS::CloudWatch::Alarm").values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(dlq);
        });
    }

    @Test
    void alarmsWatchDeadLettersDispatcherErrorsFailureRateAndQueueAge() {
        var alarms = resources(template, "AWS::CloudWatch::Alarm");
        String dlq = logicalId(template, "AWS::SQS::Queue", "MessagingDeadLetterQueue");
        String poison = logicalId(template, "AWS::SQS::Queue", "MessagingPoisonQueue");
        String queue = logicalId(template, "AWS::SQS::Queue", "MessagingDeliveryQueue");
        String dispatcher = logicalId(template, "AWS::Lambda::Function", "FunctionsDispatcherFunction");
        String deadLetters = logicalId(template, "AWS::Lambda::Function", "FunctionsDeadLettersFunction");

        // The dead-letter function drains its queue at once: what arrived is watched, not the depth.
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("NumberOfMessagesReceived");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(dlq);
            assertThat(props(a).get("Statistic")).isEqualTo("Sum");
            assertThat(props(a).get("Threshold")).isEqualTo(1);
        });
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(poison);
            assertThat(props(a).get("Threshold")).isEqualTo(1);
        });
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("Errors");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(deadLetters);
        });
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("ApproximateAgeOfOldestMessage");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(dlq);
            assertThat(props(a).get("Threshold")).isEqualTo(1800);
        });
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("Errors");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(dispatcher);
        });
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("ApproximateAgeOfOldestMessage");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(queue);
            assertThat(props(a).get("Threshold")).isEqualTo(300);
        });
        assertThat(alarms.values()).anySatisfy(a -> {
            String metrics = String.valueOf(props(a).get("Metrics"));
            assertThat(metrics).contains("Namespace=Pinpush").contains("MetricName=Deliveries")
                    .contains("Value=PERMANENT_FAILURE").contains("Value=SUCCESSFUL").contains("100 * FILL(");
            assertThat(props(a).get("Threshold")).isEqualTo(5);
        });
        String spillDlq = logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillDeadLetterQueue");
        assertThat(alarms.values()).anySatisfy(a -> {
            assertThat(props(a).get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(String.valueOf(props(a).get("Dimensions"))).contains(spillDlq);
            assertThat(props(a).get("Threshold")).isEqualTo(1);
        });
        assertThat(resources(template, "AWS::SNS::Topic")).as("no topic without an alarm e-mail").isEmpty();
    }

    @Test
    void dashboardShowsDeliveriesLatencyQueuesAndFunctionHealth() {
        var dashboards = resources(template, "AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        String body = String.valueOf(props(dashboards.values().iterator().next()).get("DashboardBody"));
        assertThat(body).contains("Deliveries by status").contains("Deliveries by channel and status")
                .contains("SEARCH('{Pinpush,Channel,Status} MetricName=\\\"Deliveries\\\"'").contains("ProviderLatency")
                .contains("ApproximateAgeOfOldestMessage").contains("ApproximateNumberOfMessagesVisible")
                .contains("Errors").contains("Throttles").contains("5xx")
                .contains("Event spill queue depth").contains("Event spill dead-letter queue depth")
                .contains(logicalId(template, "AWS::SQS::Queue", "MessagingEventSpillDeadLetterQueue"))
                .contains(logicalId(template, "AWS::Lambda::Function", "FunctionsEventSpillFunction"));
    }

    @Test
    void logGroupsKeepLogsForTheConfiguredRetention() {
        var groups = resources(template, "AWS::Logs::LogGroup");
        assertThat(groups.values()).extracting(g -> props(g).get("LogGroupName")).containsExactlyInAnyOrder(
                "/aws/lambda/pinpush-test-api", "/aws/lambda/pinpush-test-send", "/aws/lambda/pinpush-test-dispatcher",
                "/aws/lambda/pinpush-test-dead-letters",
                "/aws/lambda/pinpush-test-event-spill", "/aws/lambda/pinpush-test-jobs", "/aws/lambda/pinpush-test-trigger",
                "/aws/lambda/pinpush-test-campaign-tick", "/aws/lambda/pinpush-test-campaign-runner",
                "/aws/apigateway/pinpush-test-access");
        groups.values().forEach(g -> assertThat(props(g).get("RetentionInDays")).isEqualTo(30));
    }

    @Test
    void outputsNameEverythingACallerNeeds() {
        assertThat(template.toJSON().get("Outputs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("ApiUrl", "EventStreamName", "EventStreamArn", "DeliveryQueueUrl", "DeadLetterQueueUrl", "PoisonQueueUrl",
                        "DashboardUrl", "SendFunctionArn", "SecretPrefix", "EventSpillQueueUrl",
                        "EventSpillDeadLetterQueueUrl", "JobQueueUrl", "JobDeadLetterQueueUrl");
        template.hasOutput("DashboardUrl", Match.objectLike(Map.of("Value",
                Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(
                        List.of(Match.stringLikeRegexp(".*#dashboards:name=.*")))))))))); 
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** A path with every variable name erased: {@code /v1/apps/{}/settings}. */
    static String shape(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static Map<String, Object> mappingOf(String queuePrefix) {
        String queue = logicalId(template, "AWS::SQS::Queue", queuePrefix);
        return resources(template, "AWS::Lambda::EventSourceMapping").values().stream().map(Cfn::props)
                .filter(m -> queue.equals(target(m.get("EventSourceArn"))))
                .findFirst().orElseThrow(() -> new AssertionError("nothing reads " + queue));
    }

    private static Map<String, Object> function(String handlerClass) {
        return resources(template, "AWS::Lambda::Function").values().stream().map(Cfn::props)
                .filter(p -> String.valueOf(p.get("Handler")).contains("." + handlerClass + "::"))
                .findFirst().orElseThrow(() -> new AssertionError("no function runs " + handlerClass));
    }

    private static String roleOf(String handlerClass) {
        return target(function(handlerClass).get("Role"));
    }

    private static Set<String> actionsOf(String handlerClass) {
        return statementsOfRole(template, roleOf(handlerClass)).stream()
                .flatMap(s -> actions(s).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The DynamoDB actions a function has on each table (by logical name), indexes included. */
    private static Map<String, Set<String>> tableActions(String handlerClass) {
        Map<String, Set<String>> byTable = new HashMap<>();
        for (TableSpec spec : Tables.all()) {
            String tableId = logicalId(template, "AWS::DynamoDB::GlobalTable",
                    "Tables" + Character.toUpperCase(spec.logicalName().charAt(0)) + spec.logicalName().substring(1));
            statementsOfRole(template, roleOf(handlerClass)).stream()
                    .filter(s -> String.valueOf(s.get("Resource")).contains(tableId))
                    .forEach(s -> {
                        assertThat(String.valueOf(s.get("Resource"))).as("the table and its indexes").contains("/index/*");
                        byTable.computeIfAbsent(spec.logicalName(), k -> new TreeSet<>()).addAll(actions(s));
                    });
        }
        return byTable;
    }

    /** The SQS actions a function has on each queue (by logical id). */
    private static Map<String, Set<String>> queueActions(String handlerClass) {
        Map<String, Set<String>> byQueue = new HashMap<>();
        statementsOfRole(template, roleOf(handlerClass)).stream()
                .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("sqs:")))
                .forEach(s -> list(s.get("Resource")).forEach(resource ->
                        byQueue.computeIfAbsent(target(resource), k -> new TreeSet<>()).addAll(actions(s))));
        return byQueue;
    }

    private static String integrationOf(Map<String, Object> route) {
        // "integrations/<id>" joined with a Ref to the integration.
        return list(list(map(route.get("Target")).get("Fn::Join")).get(1)).stream()
                .filter(part -> part instanceof Map).map(Cfn::target).findFirst().orElseThrow();
    }

    private static List<Map<String, String>> keySchema(String partitionKey, String sortKey) {
        return sortKey == null
                ? List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"))
                : List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                        Map.of("AttributeName", sortKey, "KeyType", "RANGE"));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
