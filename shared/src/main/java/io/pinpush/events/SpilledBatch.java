package io.pinpush.events;

import java.util.List;

/** One spill message: records and the destination they were meant for, so a replay writes them there. */
public record SpilledBatch(Destination destination, List<StreamRecord> records) {

    public SpilledBatch {
        records = List.copyOf(records);
    }
}
