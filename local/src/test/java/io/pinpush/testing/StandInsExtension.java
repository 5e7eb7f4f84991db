package io.pinpush.testing;

import io.pinpush.local.standins.AdmStandIn;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.BaiduStandIn;
import io.pinpush.local.standins.FcmStandIn;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the APNs, FCM (real TLS, HTTP/2), ADM and Baidu (HTTP/1.1) stand-ins once per test run and hands them to tests. */
public final class StandInsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StandInsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ApnsStandIn.class || type == FcmStandIn.class || type == AdmStandIn.class || type == BaiduStandIn.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return standIn(parameter.getParameter().getType().asSubclass(AutoCloseable.class), context);
    }

    /** The run's stand-in of {@code type}, started on first use; for extensions that build on the stand-ins. */
    public static <T extends AutoCloseable> T standIn(Class<T> type, ExtensionContext context) {
        return type.cast(Closing.in(context.getRoot().getStore(NAMESPACE), type, () -> start(type)));
    }

    private static AutoCloseable start(Class<?> type) {
        if (type == ApnsStandIn.class) return ApnsStandIn.start();
        if (type == FcmStandIn.class) return FcmStandIn.start();
        if (type == AdmStandIn.class) return AdmStandIn.start();
        if (type == BaiduStandIn.class) return BaiduStandIn.start();
        throw new IllegalArgumentException("no stand-in of type " + type.getName());
    }
}
