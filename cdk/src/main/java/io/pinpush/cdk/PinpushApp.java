package io.pinpush.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** The CDK app. The full stack arrives with the deployment work; this placeholder keeps `cdk synth` meaningful. */
public final class PinpushApp {

    public static void main(String[] args) {
        App app = new App();
        new Stack(app, "Pinpush");
        app.synth();
    }
}
