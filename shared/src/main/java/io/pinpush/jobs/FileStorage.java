package io.pinpush.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** {@code file://} locations on the machine that runs the job: the local server's extension for laptop use. */
final class FileStorage implements ObjectStorage {

    @Override
    public List<StoredObject> list(ObjectLocation location) {
        Path path = Path.of(location.key());
        try {
            if (Files.isRegularFile(path)) {
                return List.of(new StoredObject(location, Files.size(path)));
            }
            if (!Files.isDirectory(path)) {
                throw new JobFailure("No file or folder at " + location);
            }
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile).sorted()
                        .map(file -> new StoredObject(location.withKey(file.toString()), file.toFile().length()))
                        .toList();
            }
        } catch (IOException e) {
            throw new JobFailure("Could not read " + location + ": " + e, e);
        }
    }

    @Override
    public InputStream read(ObjectLocation object, long start, long end) {
        try {
            FileChannel channel = FileChannel.open(Path.of(object.key()));
            channel.position(start);
            return new BoundedStream(Channels.newInputStream(channel), end - start);
        } catch (NoSuchFileException e) {
            throw new JobFailure("The file " + object + " no longer exists", e);
        } catch (IOException e) {
            throw new JobFailure("Could not read " + object + ": " + e, e);
        }
    }

    @Override
    public void write(ObjectLocation object, Path file) {
        try {
            Path target = Path.of(object.key());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new JobFailure("Could not write " + object + ": " + e, e);
        }
    }
}
