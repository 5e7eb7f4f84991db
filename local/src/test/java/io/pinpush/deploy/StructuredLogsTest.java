package io.pinpush.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * The local server's log4j2.properties still yields Powertools' JSON layout, on a classpath where DynamoDB Local's
 * own log4j once won version resolution and silently broke it. The file is loaded explicitly:
 * the tests' own log4j2-test.xml would otherwise take its place.
 */
class StructuredLogsTest {

    @Test
    void functionLogsAreJsonWithThePowertoolsTemplate() throws IOException {
        URL localConfig = getClass().getClassLoader().getResource("log4j2.properties");
        assertThat(localConfig).as("local/src/main/resources/log4j2.properties on the classpath").isNotNull();
        LoggerContext context = new LoggerContext("structured-logs-test");
        Configuration configuration = new PropertiesConfigurationFactory().getConfiguration(context,
                new ConfigurationSource(localConfig.openStream(), localConfig));
        configuration.initialize();

        Appender appender = configuration.getAppender("JsonAppender");

        assertThat(appender).as("the JSON appender of local/src/main/resources/log4j2.properties").isNotNull();
        assertThat(appender.getLayout()).isInstanceOf(JsonTemplateLayout.class);
        String line = ((JsonTemplateLayout) appender.getLayout()).toSerializable(Log4jLogEvent.newBuilder()
                .setLoggerName("io.pinpush.test")
                .setLevel(Level.INFO)
                .setMessage(new SimpleMessage("hello"))
                .build());
        assertThat(line).startsWith("{").contains("\"level\":\"INFO\"").contains("\"message\":\"hello\"");
        context.stop();
    }
}
