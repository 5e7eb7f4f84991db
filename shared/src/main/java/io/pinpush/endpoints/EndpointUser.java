package io.pinpush.endpoints;

import java.util.List;
import java.util.Map;

/** Pinpoint's EndpointUser. */
public record EndpointUser(Map<String, List<String>> userAttributes, String userId) {
}
