package io.pinpush.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The local server's stand-in for the deployment stream: one event per line, appended, so {@code tail -f} shows
 * delivery outcomes as they happen.
 */
final class JsonLinesSink implements StreamSink {

    private final Path file;

    JsonLinesSink(Path file) {
        this.file = file;
    }

    @Override
    public List<StreamRecord> write(List<StreamRecord> batch) {
        StringBuilder lines = new StringBuilder();
        batch.forEach(r -> lines.append(r.data()).append('\n'));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            synchronized (JsonLinesSink.class) {
                Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append events to " + file, e);
        }
    }

    @Override
    public int maxRecords() {
        return 500;
    }

    @Override
    public long maxBatchBytes() {
        return 5L * 1024 * 1024;
    }

    @Override
    public int maxRecordBytes() {
        return Integer.MAX_VALUE;
    }
}
