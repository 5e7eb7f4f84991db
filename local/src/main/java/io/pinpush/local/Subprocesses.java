package io.pinpush.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Emulators that run as processes of their own (kinesis-local, moto_server): waiting until one answers. */
public final class Subprocesses {

    private Subprocesses() {
    }

    /**
     * Returns once {@code probe} answers HTTP at all; fails when {@code process} exits first or {@code timeout}
     * passes. {@code name} is the emulator's, for the messages.
     */
    public static void awaitHttpAnswer(Process process, URI probe, Duration timeout, String name) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not answer within " + timeout.toSeconds() + " s");
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling a starting subprocess; there is nothing to await on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
