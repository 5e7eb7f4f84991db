package io.pinpush.cdk;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * All of Pinpush in one account and region, read top-down like the architecture:
 * key → tables → queues and stream → functions → HTTP API → dashboard and alarms.
 */
public final class PinpushStack extends Stack {

    final StackSettings settings;
    final Key key;
    final DataTables tables;
    final Messaging messaging;
    final PinpushFunctions functions;
    final PinpushApi api;
    final Observability observability;

    public PinpushStack(Construct scope, String id, StackProps props, StackSettings settings, Code functionsCode,
                        List<ApiRoutes.Binding> routes) {
        super(scope, id, props);
        this.settings = settings;
        // Data outlives the stack unless the stage is declared throwaway. Logs go with it (they expire anyway,
        // and a retained log group of the same name would block deploying the stage again).
        RemovalPolicy dataRemoval = settings.throwaway() ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
        RemovalPolicy logRemoval = RemovalPolicy.DESTROY;

        key = Key.Builder.create(this, "Key")
                .alias("alias/" + settings.prefix())
                .description("Pinpush " + settings.stage() + ": channel credentials, delivery queue, event stream")
                .enableKeyRotation(true)
                .removalPolicy(dataRemoval)
                .pendingWindow(Duration.days(settings.throwaway() ? 7 : 30))
                .build();
        tables = new DataTables(this, "Tables", settings, dataRemoval);
        messaging = new Messaging(this, "Messaging", settings, key, dataRemoval);
        functions = new PinpushFunctions(this, "Functions", settings, functionsCode, key, tables, messaging, logRemoval);
        api = new PinpushApi(this, "Api", settings, routes, functions.apiAlias, functions.sendAlias, logRemoval);
        observability = new Observability(this, "Observability", settings, functions, messaging, api, key);

        output("ApiUrl", api.url(), "Endpoint for PinpointClient.endpointOverride / aws pinpoint --endpoint-url");
        output("EventStreamName", messaging.eventStream.getStreamName(), "Kinesis stream of Pinpoint-style events");
        output("EventStreamArn", messaging.eventStream.getStreamArn(), "Kinesis stream of Pinpoint-style events");
        output("DeliveryQueueUrl", messaging.deliveryQueue.getQueueUrl(), "Queue between send and dispatcher");
        output("DeadLetterQueueUrl", messaging.deadLetterQueue.getQueueUrl(), "Deliveries that exhausted their retries");
        output("EventSpillQueueUrl", messaging.eventSpillQueue.getQueueUrl(),
                "Events a stream would not take, until the replayer writes them");
        output("EventSpillDeadLetterQueueUrl", messaging.eventSpillDeadLetterQueue.getQueueUrl(),
                "Spilled events no replay could write");
        output("JobQueueUrl", messaging.jobQueue.getQueueUrl(), "Import and export work for the job runner");
        output("JobDeadLetterQueueUrl", messaging.jobDeadLetterQueue.getQueueUrl(),
                "Job work that crashed the job runner on every attempt");
        output("DashboardUrl", observability.dashboardUrl(), "CloudWatch dashboard");
        output("SendFunctionArn", functions.sendAlias.getFunctionArn(), "Invoke directly to send without HTTP");
        output("ApiFunctionArn", functions.apiAlias.getFunctionArn(), "The API function's live alias");
        output("SecretPrefix", settings.secretPrefix(), "Every channel secret of this stage starts with this");
        observability.alarmTopic.ifPresent(topic ->
                output("AlarmTopicArn", topic.getTopicArn(), "Alarm notifications (confirm the e-mail subscription)"));
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
