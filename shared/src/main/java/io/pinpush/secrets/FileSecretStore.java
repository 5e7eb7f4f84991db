package io.pinpush.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The local server's secret store: one file per secret in a folder only the current user can read
 * (0700 folder, 0600 files). Writes go through a temporary file and an atomic rename, so a crash
 * never leaves half a credential behind.
 */
public final class FileSecretStore implements SecretStore {

    private final Path folder;

    public FileSecretStore(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            restrict(folder, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the secret folder " + folder, e);
        }
    }

    @Override
    public void put(String name, String value) {
        Path target = fileOf(name);
        try {
            Path temp = Files.createTempFile(folder, ".secret", ".tmp");
            restrict(temp, "rw-------");
            Files.writeString(temp, value, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write secret " + name, e);
        }
    }

    @Override
    public Optional<String> get(String name) {
        Path file = fileOf(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret " + name, e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            Files.deleteIfExists(fileOf(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete secret " + name, e);
        }
    }

    private Path fileOf(String name) {
        return folder.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + ".secret");
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
