package io.pinpush.events;

import io.pinpush.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * The local server's spill when no spill queue is configured: {@link SpilledBatch} JSON lines appended to a file
 * in the data folder, kept for inspection (nothing replays them automatically).
 */
public final class FileEventSpill implements EventSpill {

    private final Path file;

    public FileEventSpill(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void spill(Destination destination, List<StreamRecord> records, Duration delay) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Json.write(new SpilledBatch(destination, records)) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            Unspillable.log(destination, records, e);
        }
    }
}
