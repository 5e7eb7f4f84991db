package io.pinpush.events;

import java.util.Map;

/**
 * Pinpoint's Event, as an app reports it through PutEvents. Read leniently: {@link PutEventsService} checks each
 * event on its own, so one bad event fails only itself.
 *
 * @param timestamp ISO-8601 date-time the event happened
 */
public record Event(String appPackageName, String appTitle, String appVersionCode, Map<String, String> attributes,
                    String clientSdkVersion, String eventType, Map<String, Double> metrics, String sdkName,
                    Session session, String timestamp) {
}
