package io.pinpush.events;

/**
 * Pinpoint's EventStream: an app's event destination as stored and returned. {@code ExternalId} is deprecated
 * in Pinpoint (it no longer requires one to assume the role) and Pinpush never sets it.
 *
 * @param lastUpdatedBy the IAM principal that last called PutEventStream
 */
public record EventStream(String applicationId, String destinationStreamArn, String externalId,
                          String lastModifiedDate, String lastUpdatedBy, String roleArn) {

    public Destination destination() {
        return Destination.fromStreamArn(destinationStreamArn, roleArn);
    }
}
