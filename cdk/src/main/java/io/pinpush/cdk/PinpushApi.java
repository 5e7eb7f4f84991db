package io.pinpush.cdk;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import io.pinpush.access.AccessKeyRoutes;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The HTTP API: one route per implemented Pinpoint operation. With {@code authMode=iam} every route is behind IAM
 * (SigV4 for execute-api) authorization, so callers are real IAM principals and a policy can allow, say, only
 * SendMessages on one app. With {@code authMode=keys} the Pinpoint routes are open at API Gateway and the functions
 * verify Pinpush access-key signatures for mobiletargeting; the access-key routes stay IAM.
 */
final class PinpushApi extends Construct {

    final HttpApi api;
    final HttpStage stage;
    final LogGroup accessLogs;

    PinpushApi(Construct scope, String id, StackSettings settings, List<ApiRoutes.Binding> routes,
               IFunction apiTarget, IFunction sendTarget, RemovalPolicy logRemoval) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "HttpApi")
                .apiName(settings.prefix())
                .description("Pinpush: the Amazon Pinpoint REST API")
                .defaultAuthorizer(new HttpIamAuthorizer())
                .createDefaultStage(false)
                .build();

        accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .logGroupName("/aws/apigateway/" + settings.prefix() + "-access")
                .retention(PinpushFunctions.Retention.days(settings.logRetentionDays()))
                .removalPolicy(logRemoval)
                .build();
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(settings.throttleRateLimit())
                        .burstLimit(settings.throttleBurstLimit())
                        .build())
                .accessLogSettings(new JsonAccessLogs(accessLogs))
                .build();

        // One Lambda permission per function for the whole API rather than one per route: a function's
        // resource policy is limited to 20 KB, which a hundred route-scoped statements would exceed.
        HttpLambdaIntegrationProps props = HttpLambdaIntegrationProps.builder().scopePermissionToRoute(false).build();
        HttpLambdaIntegration toApi = new HttpLambdaIntegration("ApiIntegration", apiTarget, props);
        HttpLambdaIntegration toSend = new HttpLambdaIntegration("SendIntegration", sendTarget, props);
        for (ApiRoutes.Binding route : routes) {
            AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(route.target() == ApiRoutes.Target.SEND ? toSend : toApi);
            // Keys mode: API Gateway's IAM authorizer accepts only execute-api signatures, and Pinpoint clients sign
            // for mobiletargeting, so the handler verifies those (it needs the body, which an authorizer never sees).
            // Access-key administration stays behind IAM in either mode.
            if (settings.accessKeys() && !AccessKeyRoutes.OPERATIONS.contains(route.operation())) {
                options.authorizer(new HttpNoneAuthorizer());
            }
            api.addRoutes(options.build());
        }
    }

    /** The stage's URL: what a PinpointClient's endpointOverride points at. */
    String url() {
        return api.getApiEndpoint() + "/";
    }

    /** Access logs as one JSON object per request, into the stage's log group. */
    private static final class JsonAccessLogs implements IAccessLogSettings {
        private final LogGroup destination;

        JsonAccessLogs(LogGroup destination) {
            this.destination = destination;
        }

        @Override
        public IAccessLogDestination getDestination() {
            return new LogGroupLogDestination(destination);
        }

        @Override
        public AccessLogFormat getFormat() {
            return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
        }
    }

    /** One JSON object per request, with the signing principal: who called what, and how it went. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\","
            + "\"routeKey\":\"$context.routeKey\","
            + "\"path\":\"$context.path\","
            + "\"status\":\"$context.status\","
            + "\"responseLength\":\"$context.responseLength\","
            + "\"latencyMs\":\"$context.responseLatency\","
            + "\"integrationLatencyMs\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"sourceIp\":\"$context.identity.sourceIp\","
            + "\"userAgent\":\"$context.identity.userAgent\","
            + "\"principal\":\"$context.identity.userArn\"}";
}
