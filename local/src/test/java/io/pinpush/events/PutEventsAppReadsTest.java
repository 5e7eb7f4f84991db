package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Arns;
import io.pinpush.api.Json;
import io.pinpush.apps.AppService;
import io.pinpush.apps.AppStore;
import io.pinpush.config.PinpushConfig;
import io.pinpush.endpoints.EndpointRequest;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.endpoints.EndpointStore;
import io.pinpush.local.LocalServer;
import io.pinpush.store.Tables;
import io.pinpush.testing.PinpushExtension;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * A PutEvents call reads its app once, however many endpoints it carries (README, Benchmarks (9)): each batch item's
 * endpoint is written in the app the call read, not after reading it again.
 */
@ExtendWith(PinpushExtension.class)
class PutEventsAppReadsTest {

    @Test
    void aCallReadsItsAppOnceForAllItsEndpoints(LocalServer server, PinpointClient pinpoint) throws Exception {
        PinpushConfig config = server.pinpush().config();
        Map<String, AtomicInteger> getItemsByTable = new ConcurrentHashMap<>();
        try (DynamoDbClient dynamoDb = server.pinpush().aws().configure(DynamoDbClient.builder(), "dynamodb")
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetItemRequest get) {
                            getItemsByTable.computeIfAbsent(get.tableName(), t -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }))
                .build()) {
            Clock clock = Clock.systemUTC();
            AppService apps = new AppService(new AppStore(dynamoDb, config), new Arns(config.region(), config.accountId()),
                    clock);
            EndpointService endpoints = new EndpointService(new EndpointStore(dynamoDb, config), apps, clock);
            PutEventsService putEvents = new PutEventsService(apps,
                    (app, id, endpoint) -> endpoints.upsert(app, id, endpoint.as(EndpointRequest.class)),
                    server.pinpush().eventPublisher(), clock, config.accountId());
            String appId = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("put-events-reads")))
                    .applicationResponse().id();
            EventsRequest request = Json.mapper().readValue("""
                    {"BatchItem": {
                      "device-1": {"Endpoint": {"ChannelType": "GCM", "Address": "token-1"},
                                   "Events": {"e1": {"EventType": "level.up", "Timestamp": "2026-12-05T10:00:00Z"}}},
                      "device-2": {"Endpoint": {"ChannelType": "GCM", "Address": "token-2"},
                                   "Events": {"e1": {"EventType": "level.up", "Timestamp": "2026-12-05T10:00:00Z"}}},
                      "device-3": {"Endpoint": {"ChannelType": "GCM", "Address": "token-3"},
                                   "Events": {"e1": {"EventType": "level.up", "Timestamp": "2026-12-05T10:00:00Z"}}}
                    }}""", EventsRequest.class);

            EventsResponse response = putEvents.put(appId, request, "api-request-1");

            assertThat(response.results()).hasSize(3).allSatisfy((id, item) -> {
                assertThat(item.endpointItemResponse().statusCode()).isEqualTo(202);
                assertThat(item.eventsItemResponse().get("e1").statusCode()).isEqualTo(202);
            });
            assertThat(getItemsByTable.get(config.tableName(Tables.APPS.logicalName()))).hasValue(1);
            assertThat(endpoints.find(appId, "device-2")).hasValueSatisfying(e -> assertThat(e.address()).isEqualTo("token-2"));
        }
    }
}
