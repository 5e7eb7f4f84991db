package io.pinpush.messaging;

import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.PushGateway;
import io.pinpush.providers.RenderedPush;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider stand-in for flow tests before the real provider clients are wired in: answers each address from a
 * script (Delivered by default), can hold an answer back, and remembers every push it was given.
 */
final class ScriptedGateway implements PushGateway {

    private final Map<String, Deque<CompletableFuture<ProviderOutcome>>> scripts = new ConcurrentHashMap<>();
    private final List<RenderedPush> pushes = new CopyOnWriteArrayList<>();

    /** The next pushes to {@code address} get these answers, in order; after that, Delivered. */
    void script(String address, ProviderOutcome... outcomes) {
        Deque<CompletableFuture<ProviderOutcome>> script = scripts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (script) {
            for (ProviderOutcome outcome : outcomes) {
                script.add(CompletableFuture.completedFuture(outcome));
            }
        }
    }

    /** The next push to {@code address} is answered only when the returned future is completed. */
    CompletableFuture<ProviderOutcome> holdNext(String address) {
        CompletableFuture<ProviderOutcome> held = new CompletableFuture<>();
        Deque<CompletableFuture<ProviderOutcome>> script = scripts.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (script) {
            script.add(held);
        }
        return held;
    }

    List<RenderedPush> pushesTo(String address) {
        return pushes.stream().filter(p -> p.address().equals(address)).toList();
    }

    @Override
    public CompletableFuture<ProviderOutcome> send(String appId, RenderedPush push) {
        pushes.add(push);
        Deque<CompletableFuture<ProviderOutcome>> script = scripts.get(push.address());
        if (script != null) {
            synchronized (script) {
                if (!script.isEmpty()) {
                    return script.poll();
                }
            }
        }
        return CompletableFuture.completedFuture(
                new ProviderOutcome.Delivered(200, "msg-" + push.address() + "-" + pushes.size(), null));
    }

    @Override
    public void close() {
    }
}
