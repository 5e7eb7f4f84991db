package io.pinpush.events;

import io.pinpush.api.ApiError;

/**
 * The payload of PutEventStream: where an app's events should also go, and the role to write with.
 * Validates itself, so a stream Pinpush could never write to is refused before anything is stored.
 */
public record WriteEventStream(String destinationStreamArn, String roleArn) {

    public WriteEventStream {
        if (destinationStreamArn == null || destinationStreamArn.isBlank()) {
            throw ApiError.badRequest("DestinationStreamArn is required");
        }
        if (roleArn == null || roleArn.isBlank()) {
            throw ApiError.badRequest("RoleArn is required");
        }
        Destination.fromStreamArn(destinationStreamArn, roleArn);
    }
}
