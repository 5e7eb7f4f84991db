package io.pinpush.testing;

import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.FcmStandIn;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the APNs and FCM stand-ins once per test run (real TLS, HTTP/2) and hands them to tests. */
public final class StandInsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StandInsExtension.class);

    private record Closing<T extends AutoCloseable>(T standIn) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            standIn.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ApnsStandIn.class || type == FcmStandIn.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (parameter.getParameter().getType() == ApnsStandIn.class) {
            return store.getOrComputeIfAbsent(ApnsStandIn.class, key -> new Closing<>(ApnsStandIn.start()), Closing.class).standIn();
        }
        return store.getOrComputeIfAbsent(FcmStandIn.class, key -> new Closing<>(FcmStandIn.start()), Closing.class).standIn();
    }
}
