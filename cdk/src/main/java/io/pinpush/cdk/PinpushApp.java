package io.pinpush.cdk;

import java.nio.file.Files;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.lambda.Code;

/** The CDK app: one {@link PinpushStack} named {@code Pinpush-<stage>}, configured by context. */
public final class PinpushApp {

    private PinpushApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    /** Adds the stack the app's context describes; fails with a message that says what to do. */
    public static PinpushStack build(App app) {
        StackSettings settings = StackSettings.from(name -> app.getNode().tryGetContext(name));
        if (!Files.isRegularFile(settings.functionsJar())) {
            throw new IllegalStateException("The Lambda code asset " + settings.functionsJar().toAbsolutePath()
                    + " does not exist. Build it first (mvn -pl functions -am package -DskipTests), or point "
                    + "-c functionsJar=... at it.");
        }
        StackProps.Builder props = StackProps.builder()
                .description("Pinpush (" + settings.stage() + "): a self-hosted, Pinpoint-compatible push backend");
        if (settings.account().isPresent() || settings.region().isPresent()) {
            props.env(Environment.builder()
                    .account(settings.account().orElse(null))
                    .region(settings.region().orElse(null))
                    .build());
        }
        List<ApiRoutes.Binding> routes = ApiRoutes.implemented();
        PinpushStack stack = new PinpushStack(app, "Pinpush-" + settings.stage(), props.build(), settings,
                Code.fromAsset(settings.functionsJar().toString()), routes);
        Tags.of(stack).add("pinpush:stage", settings.stage());
        return stack;
    }
}
