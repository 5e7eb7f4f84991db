package io.pinpush.cdk;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the stack as `cdk synth` would, with the given context on top of a test stage's. */
final class Synth {

    static final String FUNCTIONS_JAR = System.getProperty("pinpush.functions.jar",
            "../" + StackSettings.DEFAULT_FUNCTIONS_JAR);

    private Synth() {
    }

    static PinpushStack stack(Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>();
        all.put("stage", "test");
        all.put("functionsJar", FUNCTIONS_JAR);
        all.putAll(context);
        App app = new App(AppProps.builder().context(all).build());
        return PinpushApp.build(app);
    }

    static Template template(Map<String, Object> context) {
        return Template.fromStack(stack(context));
    }
}
