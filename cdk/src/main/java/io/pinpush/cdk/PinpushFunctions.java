package io.pinpush.cdk;

import io.pinpush.metrics.MetricNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The three functions, one per role, each a Java 21 arm64 function with SnapStart, invoked only through its
 * {@code live} alias (SnapStart applies to published versions; the alias follows the version each deploy
 * publishes). Each role is granted exactly what that function uses, with named actions only.
 */
final class PinpushFunctions extends Construct {

    static final String ALIAS = "live";
    static final String API_HANDLER = "io.pinpush.functions.ApiHandler::handleRequest";
    static final String SEND_HANDLER = "io.pinpush.functions.SendHandler::handleRequest";
    static final String DISPATCHER_HANDLER = "io.pinpush.functions.DispatcherHandler::handleRequest";

    /** Item reads and writes, queries on tables and indexes; no scans, no streams, no table management. */
    static final List<String> TABLE_DATA = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem");
    static final List<String> SECRET_READ = List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
    static final List<String> SECRET_MANAGE = List.of("secretsmanager:CreateSecret", "secretsmanager:PutSecretValue",
            "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:DeleteSecret",
            "secretsmanager:TagResource");
    static final List<String> KEY_USE = List.of("kms:Decrypt", "kms:GenerateDataKey");
    static final List<String> STREAM_WRITE = List.of("kinesis:PutRecord", "kinesis:PutRecords");
    static final List<String> QUEUE_SEND = List.of("sqs:SendMessage");

    final Function api;
    final Function send;
    final Function dispatcher;
    final Alias apiAlias;
    final Alias sendAlias;
    final Alias dispatcherAlias;

    PinpushFunctions(Construct scope, String id, StackSettings settings, Code code, IKey key, DataTables tables,
                     Messaging messaging, RemovalPolicy logRemoval) {
        super(scope, id);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PINPUSH_ACCOUNT_ID", Aws.ACCOUNT_ID);
        environment.put("PINPUSH_SECRET_PREFIX", settings.secretPrefix());
        environment.put("PINPUSH_SECRET_KMS_KEY_ID", key.getKeyArn());
        environment.put("PINPUSH_DELIVERY_QUEUE_URL", messaging.deliveryQueue.getQueueUrl());
        environment.put("PINPUSH_EVENT_STREAM_NAME", messaging.eventStream.getStreamName());
        environment.putAll(tables.environment());
        environment.put("POWERTOOLS_METRICS_NAMESPACE", MetricNames.NAMESPACE);
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");

        var factory = new Factory(settings, code, environment, logRemoval);
        api = factory.function("Api", "api", API_HANDLER, settings.apiMemoryMb(), settings.apiTimeoutSeconds(),
                "Pinpoint REST API (every operation but sending)");
        send = factory.function("Send", "send", SEND_HANDLER, settings.sendMemoryMb(), settings.apiTimeoutSeconds(),
                "SendMessages and SendUsersMessages, from the HTTP API or invoked directly");
        dispatcher = factory.function("Dispatcher", "dispatcher", DISPATCHER_HANDLER, settings.dispatcherMemoryMb(),
                settings.dispatcherTimeoutSeconds(), "Delivers queued notifications to APNs, FCM, ADM and Baidu");
        apiAlias = alias(api, "ApiLive");
        sendAlias = alias(send, "SendLive");
        dispatcherAlias = alias(dispatcher, "DispatcherLive");

        String secrets = secretArnPattern(settings);
        for (Function function : List.of(api, send, dispatcher)) {
            tables.all().forEach(table -> function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(TABLE_DATA)
                    .resources(List.of(table.getTableArn(), table.getTableArn() + "/index/*"))
                    .build()));
            function.addToRolePolicy(allow(KEY_USE, key.getKeyArn()));
            function.addToRolePolicy(allow(STREAM_WRITE, messaging.eventStream.getStreamArn()));
        }
        api.addToRolePolicy(allow(SECRET_MANAGE, secrets));
        send.addToRolePolicy(allow(SECRET_READ, secrets));
        dispatcher.addToRolePolicy(allow(SECRET_READ, secrets));
        send.addToRolePolicy(allow(QUEUE_SEND, messaging.deliveryQueue.getQueueArn()));
        // The dispatcher re-queues retryable deliveries with a delay.
        dispatcher.addToRolePolicy(allow(QUEUE_SEND, messaging.deliveryQueue.getQueueArn()));

        dispatcherAlias.addEventSource(SqsEventSource.Builder.create(messaging.deliveryQueue)
                .batchSize(settings.dispatcherBatchSize())
                .maxBatchingWindow(Duration.seconds(settings.dispatcherBatchWindowSeconds()))
                .maxConcurrency(settings.dispatcherMaxConcurrency())
                .reportBatchItemFailures(true)
                .build());
    }

    List<Function> all() {
        return List.of(api, send, dispatcher);
    }

    private Alias alias(Function function, String id) {
        // CDK warns that SnapStart needs published versions: the alias below publishes one on every change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Invoked only through its live alias, which points at a published version");
        return Alias.Builder.create(this, id).aliasName(ALIAS).version(function.getCurrentVersion()).build();
    }

    /** Channel secrets are named {@code pinpush/<stage>/...}; the trailing wildcard covers Secrets Manager's random suffix. */
    private static String secretArnPattern(StackSettings settings) {
        return "arn:" + Aws.PARTITION + ":secretsmanager:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":secret:"
                + settings.secretPrefix() + "*";
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return PolicyStatement.Builder.create().actions(actions).resources(List.of(resource)).build();
    }

    /** What all three functions share: runtime, architecture, SnapStart, code, environment, logs. */
    private final class Factory {
        private final StackSettings settings;
        private final Code code;
        private final Map<String, String> environment;
        private final RemovalPolicy logRemoval;

        Factory(StackSettings settings, Code code, Map<String, String> environment, RemovalPolicy logRemoval) {
            this.settings = settings;
            this.code = code;
            this.environment = environment;
            this.logRemoval = logRemoval;
        }

        Function function(String id, String role, String handler, int memoryMb, int timeoutSeconds, String description) {
            String name = settings.prefix() + "-" + role;
            LogGroup logs = LogGroup.Builder.create(PinpushFunctions.this, id + "Logs")
                    .logGroupName("/aws/lambda/" + name)
                    .retention(Retention.days(settings.logRetentionDays()))
                    .removalPolicy(logRemoval)
                    .build();
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("POWERTOOLS_SERVICE_NAME", name);
            return Function.Builder.create(PinpushFunctions.this, id + "Function")
                    .functionName(name)
                    .description(description)
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .handler(handler)
                    .code(code)
                    .memorySize(memoryMb)
                    .timeout(Duration.seconds(timeoutSeconds))
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .environment(env)
                    .logGroup(logs)
                    .build();
        }
    }

    /** CloudWatch Logs accepts only certain retention periods; the context names one of them in days. */
    static final class Retention {
        private static final Map<Integer, RetentionDays> BY_DAYS = Map.ofEntries(
                Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
                Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
                Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
                Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
                Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
                Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
                Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
                Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
                Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
                Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
                Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

        private Retention() {
        }

        static RetentionDays days(int days) {
            RetentionDays retention = BY_DAYS.get(days);
            if (retention == null) {
                throw new IllegalArgumentException("Context 'logRetentionDays' must be a period CloudWatch Logs offers "
                        + new java.util.TreeSet<>(BY_DAYS.keySet()) + "; got " + days);
            }
            return retention;
        }
    }
}
