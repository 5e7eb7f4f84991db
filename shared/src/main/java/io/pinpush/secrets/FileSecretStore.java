package io.pinpush.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local server's secret store: one file per secret in a folder only the current user can read
 * (0700 folder, 0600 files). Writes go through a temporary file and an atomic rename, so a crash
 * never leaves half a credential behind. Besides the current value, the last few versions are kept as
 * {@code <name>@<versionId>.secret}.
 */
public final class FileSecretStore implements SecretStore {

    private static final int VERSIONS_KEPT = 5;
    private static final String VERSION_SEPARATOR = "@";

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
    public String put(String name, String value) {
        String versionId = UUID.randomUUID().toString();
        write(versionFile(name, versionId), value, name);
        write(fileOf(name), value, name);
        pruneVersions(name, versionFile(name, versionId));
        return versionId;
    }

    @Override
    public Optional<String> get(String name) {
        return read(fileOf(name), name);
    }

    @Override
    public Optional<String> get(String name, String versionId) {
        return read(versionFile(name, versionId), name);
    }

    @Override
    public void delete(String name) {
        try {
            for (Path version : versionFiles(name)) {
                Files.deleteIfExists(version);
            }
            Files.deleteIfExists(fileOf(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete secret " + name, e);
        }
    }

    private void write(Path target, String value, String name) {
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

    private static Optional<String> read(Path file, String name) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret " + name, e);
        }
    }

    /** Keeps the newest versions only (file times may tie, so the one just written is kept explicitly). */
    private void pruneVersions(String name, Path justWritten) {
        try {
            List<Path> versions = versionFiles(name);
            versions.remove(justWritten);
            if (versions.size() < VERSIONS_KEPT) {
                return;
            }
            versions.sort(Comparator.comparing(FileSecretStore::modified).reversed());
            for (Path stale : versions.subList(VERSIONS_KEPT - 1, versions.size())) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prune versions of secret " + name, e);
        }
    }

    private List<Path> versionFiles(String name) throws IOException {
        String prefix = encode(name) + VERSION_SEPARATOR;
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    private Path fileOf(String name) {
        return folder.resolve(encode(name) + ".secret");
    }

    /** URL encoding turns '@' into %40, so the separator never occurs inside an encoded name. */
    private Path versionFile(String name, String versionId) {
        return folder.resolve(encode(name) + VERSION_SEPARATOR + encode(versionId) + ".secret");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
