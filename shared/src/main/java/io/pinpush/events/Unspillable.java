package io.pinpush.events;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last resort when neither a stream nor the spill takes records: each is logged whole, at ERROR. */
final class Unspillable {

    private static final Logger LOG = LoggerFactory.getLogger("io.pinpush.events.Unspillable");

    private Unspillable() {
    }

    static void log(Destination destination, List<StreamRecord> records, Exception cause) {
        LOG.error("Could not spill {} event records for {}: {}", records.size(), destination, cause.toString());
        for (StreamRecord record : records) {
            LOG.error("UNSPILLED destination={} partitionKey={} data={}", destination, record.partitionKey(),
                    record.data());
        }
    }
}
