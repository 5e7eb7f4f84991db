package io.pinpush.segments;

import java.util.function.Consumer;

/**
 * The members of IMPORT segment versions: exactly the endpoints their import job wrote, kept by the jobs package.
 * Streamed, never loaded whole.
 */
public interface ImportedMembers {

    /** Calls {@code endpointId} for every member of the version, page by page. */
    void forEach(String appId, String segmentId, int version, Consumer<String> endpointId);

    /** Whether the endpoint is a member of the version (a point read: used when the segment is a base segment). */
    boolean contains(String appId, String segmentId, int version, String endpointId);

    /** No imported segments (before the jobs package is wired). */
    ImportedMembers NONE = new ImportedMembers() {
        @Override
        public void forEach(String appId, String segmentId, int version, Consumer<String> endpointId) {
        }

        @Override
        public boolean contains(String appId, String segmentId, int version, String endpointId) {
            return false;
        }
    };
}
