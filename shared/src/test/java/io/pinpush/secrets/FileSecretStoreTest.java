package io.pinpush.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {

    @TempDir
    Path folder;

    @Test
    void everyPutIsANewVersionReadableByItsId() {
        FileSecretStore store = new FileSecretStore(folder);

        String first = store.put("pinpush/apps/a/channels/GCM", "one");
        String second = store.put("pinpush/apps/a/channels/GCM", "two");

        assertThat(first).isNotEqualTo(second);
        assertThat(store.get("pinpush/apps/a/channels/GCM")).hasValue("two");
        assertThat(store.get("pinpush/apps/a/channels/GCM", first)).hasValue("one");
        assertThat(store.get("pinpush/apps/a/channels/GCM", second)).hasValue("two");
        assertThat(store.get("pinpush/apps/a/channels/GCM", "no-such-version")).isEmpty();
        assertThat(store.get("pinpush/apps/b/channels/GCM", first)).as("versions belong to their secret").isEmpty();
    }

    @Test
    void onlyTheNewestVersionsAreKept() {
        FileSecretStore store = new FileSecretStore(folder);
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            versions.add(store.put("s", "value " + i));
        }

        assertThat(store.get("s", versions.get(7))).hasValue("value 7");
        assertThat(versions.stream().filter(v -> store.get("s", v).isPresent()).count()).isEqualTo(5);
    }

    @Test
    void deleteRemovesTheSecretWithAllItsVersions() throws IOException {
        FileSecretStore store = new FileSecretStore(folder);
        String version = store.put("pinpush/apps/a/channels/ADM", "x");
        store.put("pinpush/apps/a/channels/ADMX", "kept");

        store.delete("pinpush/apps/a/channels/ADM");
        store.delete("pinpush/apps/a/channels/ADM");

        assertThat(store.get("pinpush/apps/a/channels/ADM")).isEmpty();
        assertThat(store.get("pinpush/apps/a/channels/ADM", version)).isEmpty();
        assertThat(store.get("pinpush/apps/a/channels/ADMX")).hasValue("kept");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".secret"))).hasSize(2);
        }
    }

    @Test
    void secretFilesAreReadableByTheOwnerOnly() throws IOException {
        FileSecretStore store = new FileSecretStore(folder.resolve("secrets"));
        String version = store.put("n", "v");

        try (Stream<Path> files = Files.list(folder.resolve("secrets"))) {
            files.forEach(file -> {
                try {
                    assertThat(Files.getPosixFilePermissions(file))
                            .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(version).isNotBlank();
    }
}
