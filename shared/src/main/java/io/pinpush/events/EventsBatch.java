package io.pinpush.events;

import java.util.Map;

/** Pinpoint's EventsBatch: one endpoint and the events it reports, keyed by the client's event ids. */
public record EventsBatch(PublicEndpoint endpoint, Map<String, Event> events) {
}
