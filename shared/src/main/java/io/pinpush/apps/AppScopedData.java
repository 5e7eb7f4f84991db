package io.pinpush.apps;

/**
 * Anything stored per app (channels, endpoints, segments, campaigns, ...). DeleteApp calls every
 * registered owner, so deleting an app never leaves orphaned data or secrets behind.
 */
@FunctionalInterface
public interface AppScopedData {

    void deleteAllOf(String appId);
}
