package io.pinpush.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the HTTP provider clients (FCM, ADM, Baidu) share: reading answers and turning failures into outcomes. */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpResponse<?> response, Clock clock) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration wait = Duration.between(clock.instant(),
                            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }).orElse(null);
    }

    /** The body as JSON; an empty object when it is empty or not JSON (an HTML error page, say). */
    public static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** A send that never got an answer: token trouble, a timeout, or an I/O error (retryable). */
    public static ProviderOutcome failure(String provider, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TokenFailure tokenFailure) {
            return new ProviderOutcome.Failed(tokenFailure.getMessage(), tokenFailure.retryable());
        }
        if (cause instanceof HttpTimeoutException) {
            return new ProviderOutcome.Failed(provider + " did not answer in time", true);
        }
        return new ProviderOutcome.Failed("Could not deliver to " + provider + ": " + describe(cause), cause instanceof IOException);
    }

    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    public static CompletableFuture<ProviderOutcome> failed(String reason, boolean retryable) {
        return CompletableFuture.completedFuture(new ProviderOutcome.Failed(reason, retryable));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
