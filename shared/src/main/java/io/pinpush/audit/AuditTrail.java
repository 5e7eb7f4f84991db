package io.pinpush.audit;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.ApiResponse;
import io.pinpush.api.Json;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.api.Timestamps;
import io.pinpush.events.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every mutating API call: a {@link Router.Observer}, so it sees each call that matched a route (and that no
 * guard refused) with the answer it got, successful or not.
 *
 * <p>"Mutating" comes from the route, not from a list: every route whose method is not GET is audited, so an
 * operation added later is audited without anyone remembering to. The one exception is the data plane
 * ({@link #DATA_PLANE}): sending messages and recording app events are traffic, not changes to configuration;
 * Pinpoint's CloudTrail did not log them either, their volume is the deployment's whole load, and their own
 * outcomes already reach the stream ({@code _push.send}, the events themselves).
 *
 * <p>Each record is written to the audit table before the answer leaves (so a call that returned is on file) and
 * queued for the deployment's event stream as {@code _audit.<Operation>}. A failed table write is logged with the
 * record and does not change the answer: the change itself has already happened.
 */
public final class AuditTrail implements Router.Observer {

    /** Non-GET operations that are not audited: sends and PutEvents (see the class comment). */
    public static final Set<String> DATA_PLANE = Set.of("SendMessages", "SendUsersMessages", "PutEvents");

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int MAX_USER_AGENT = 256;

    private final BiConsumer<AuditRecord, Instant> table;
    private final Consumer<StreamRecord> stream;
    private final AuditEvents events;
    private final String region;
    private final String accountId;
    private final Clock clock;

    /**
     * @param table  writes a record to the audit table ({@link AuditStore#put})
     * @param stream queues a record for the deployment's event stream ({@code EventPublisher.publish})
     */
    public AuditTrail(BiConsumer<AuditRecord, Instant> table, Consumer<StreamRecord> stream, String region,
                      String accountId, Clock clock) {
        this.table = table;
        this.stream = stream;
        this.events = new AuditEvents(accountId, clock);
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Whether calls to {@code route} leave an audit record. */
    public static boolean audits(Route route) {
        return !"GET".equalsIgnoreCase(route.method()) && !DATA_PLANE.contains(route.operation());
    }

    @Override
    public void observe(Route route, ApiRequest request, ApiResponse response) {
        if (!audits(route)) {
            return;
        }
        Instant now = clock.instant();
        AuditRecord record = record(route, request, response, now);
        try {
            table.accept(record, now);
        } catch (RuntimeException e) {
            LOG.error("Audit record not stored: {}", Json.write(record), e);
        }
        stream.accept(events.of(record, now));
    }

    AuditRecord record(Route route, ApiRequest request, ApiResponse response, Instant now) {
        AuditedResource resource = AuditedResource.of(route, request, response, region, accountId);
        String errorType = response.headers().get("X-Amzn-ErrorType");
        String userAgent = request.header("user-agent")
                .map(agent -> agent.length() > MAX_USER_AGENT ? agent.substring(0, MAX_USER_AGENT) : agent)
                .orElse(null);
        return new AuditRecord(Timestamps.format(now), route.operation(), resource.arn(), resource.appId(),
                request.caller(), request.sourceIp(), userAgent, request.requestId(), response.status(),
                AuditRecord.outcomeOf(response.status()), errorType);
    }
}
