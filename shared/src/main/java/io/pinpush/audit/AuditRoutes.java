package io.pinpush.audit;

import io.pinpush.api.ApiError;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import io.pinpush.store.Page;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Pinpush extensions (Pinpoint had CloudTrail instead): the audit trail of the last {@code days} UTC days, newest
 * first, paged with {@code page-size} and {@code token} like Pinpoint's listings.
 * <ul>
 *   <li>{@code GetApplicationAuditEvents}: {@code GET /v1/apps/{application-id}/audit}, calls on the app and
 *       everything in it. Answers for a deleted app too: who deleted it is part of its trail.</li>
 *   <li>{@code GetAccountAuditEvents}: {@code GET /v1/audit}, calls on account-level resources (templates, access
 *       keys) and calls that named no app.</li>
 * </ul>
 */
public final class AuditRoutes {

    /** Without {@code days}, today and the six days before. */
    static final int DEFAULT_DAYS = 7;

    private AuditRoutes() {
    }

    public static List<Route> routes(AuditStore store, Clock clock) {
        return List.of(
                Route.of("GetApplicationAuditEvents", "GET", "/v1/apps/{application-id}/audit", 200,
                        req -> answer(store.recent(req.pathParam("application-id"), days(req, store), today(clock),
                                req.page()))),
                Route.of("GetAccountAuditEvents", "GET", "/v1/audit", 200,
                        req -> answer(store.recent(null, days(req, store), today(clock), req.page()))));
    }

    /** Pinpoint's listing shape: {@code Item} and {@code NextToken}. */
    public record AuditEventsResponse(List<AuditRecord> item, String nextToken) {
    }

    private static AuditEventsResponse answer(Page<AuditRecord> page) {
        return new AuditEventsResponse(page.items(), page.nextToken());
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static int days(ApiRequest request, AuditStore store) {
        String value = request.queryParam("days").orElse(null);
        if (value == null) {
            return Math.min(DEFAULT_DAYS, store.retentionDays());
        }
        int days;
        try {
            days = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("days must be a whole number, got '" + value + "'");
        }
        if (days < 1 || days > store.retentionDays()) {
            throw ApiError.badRequest("days must be between 1 and " + store.retentionDays()
                    + " (records are kept that long), got " + days);
        }
        return days;
    }
}
