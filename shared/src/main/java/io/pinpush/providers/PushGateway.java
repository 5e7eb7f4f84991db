package io.pinpush.providers;

import java.util.concurrent.CompletableFuture;

/**
 * Sends rendered notifications through the right provider client for an app's channel (credentials resolved
 * and provider clients reused per app, channel and credential version). Asynchronous so a dispatcher can keep
 * many notifications in flight on few threads; the future never completes exceptionally — failures are
 * {@link ProviderOutcome.Failed}.
 */
public interface PushGateway extends AutoCloseable {

    CompletableFuture<ProviderOutcome> send(String appId, RenderedPush push);

    @Override
    void close();
}
