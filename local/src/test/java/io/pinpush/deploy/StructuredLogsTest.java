package io.pinpush.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.Test;

/**
 * The functions' log4j2.xml still yields Powertools' JSON layout on the local server's classpath, where
 * DynamoDB Local's own log4j once won version resolution and silently broke it.
 */
class StructuredLogsTest {

    @Test
    void functionLogsAreJsonWithThePowertoolsTemplate() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Appender appender = context.getConfiguration().getAppender("JsonAppender");

        assertThat(appender).as("the JSON appender of functions/src/main/resources/log4j2.xml").isNotNull();
        assertThat(appender.getLayout()).isInstanceOf(JsonTemplateLayout.class);
        String line = ((JsonTemplateLayout) appender.getLayout()).toSerializable(
                org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder()
                        .setLoggerName("io.pinpush.test")
                        .setLevel(org.apache.logging.log4j.Level.INFO)
                        .setMessage(new org.apache.logging.log4j.message.SimpleMessage("hello"))
                        .build());
        assertThat(line).startsWith("{").contains("\"level\":\"INFO\"").contains("\"message\":\"hello\"");
    }
}
