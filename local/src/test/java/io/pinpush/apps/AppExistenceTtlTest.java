package io.pinpush.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.config.PinpushConfig;
import io.pinpush.local.LocalServer;
import io.pinpush.store.Tables;
import io.pinpush.testing.MutableClock;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The send path's app check ({@link AppService#requireExists}): one read per app per TTL, DeleteApp in this process
 * refused at once, a deletion by another process refused once the TTL has passed.
 */
@ExtendWith(PinpushExtension.class)
class AppExistenceTtlTest {

    @Test
    void anAppFoundIsTrustedForTheTtlAndForgottenWhenDeletedHere(LocalServer server) {
        PinpushConfig config = server.pinpush().config();
        String appsTable = config.tableName(Tables.APPS.logicalName());
        AtomicInteger appReads = new AtomicInteger();
        try (DynamoDbClient dynamoDb = server.pinpush().aws().configure(DynamoDbClient.builder(), "dynamodb")
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetItemRequest get && get.tableName().equals(appsTable)) {
                            appReads.incrementAndGet();
                        }
                    }
                }))
                .build()) {
            MutableClock clock = new MutableClock(Instant.parse("2026-12-10T10:00:00Z"));
            Arns arns = new Arns(config.region(), config.accountId());
            AppService apps = new AppService(new AppStore(dynamoDb, config), arns, clock, Duration.ofSeconds(5));
            AppService elsewhere = new AppService(new AppStore(dynamoDb, config), arns, clock);

            String kept = apps.create(new CreateApplicationRequest("kept", null)).id();
            apps.requireExists(kept);
            apps.requireExists(kept);
            clock.advance(Duration.ofSeconds(4));
            apps.requireExists(kept);
            assertThat(appReads).as("one read within the TTL").hasValue(1);
            clock.advance(Duration.ofSeconds(2));
            apps.requireExists(kept);
            assertThat(appReads).as("read again after it").hasValue(2);

            // Deleted by another process (another Lambda instance): refused once the TTL has passed.
            elsewhere.delete(kept);
            apps.requireExists(kept);
            clock.advance(Duration.ofSeconds(5));
            assertThatThrownBy(() -> apps.requireExists(kept)).isInstanceOf(ApiError.class)
                    .extracting(e -> ((ApiError) e).type()).isEqualTo(ApiError.Type.NOT_FOUND);

            // Deleted here: refused at once.
            String deleted = apps.create(new CreateApplicationRequest("deleted", null)).id();
            apps.requireExists(deleted);
            apps.delete(deleted);
            assertThatThrownBy(() -> apps.requireExists(deleted)).isInstanceOf(ApiError.class);
            assertThatThrownBy(() -> apps.requireExists("no-such-app")).isInstanceOf(ApiError.class);
        }
    }
}
