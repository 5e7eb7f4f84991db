package io.pinpush.events;

import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DeliveryStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The terminal outcome of one push delivery, as the messaging flow reports it to the event stream. Built with
 * {@link #builder(String)}; every member but the app id and status may be left out (the channel is unknown for
 * an endpoint id that does not exist).
 *
 * @param endpointId         null for a send to a raw address
 * @param statusCode         the provider's HTTP status, or the one Pinpoint uses for outcomes decided without a call
 * @param requestId          the send request's id (Pinpoint's RequestId)
 * @param campaignId         set only for campaign deliveries: the event becomes {@code _campaign.send}
 * @param extraAttributes    the send's own attributes for the event (a SendUsersMessages Context); Pinpush's win
 */
public record PushOutcome(String appId, String endpointId, String userId, String address, ChannelType channelType,
                          DeliveryStatus status, Integer statusCode, String statusMessage, String messageId,
                          String updatedToken, String requestId, String traceId, Instant finishedAt,
                          String campaignId, String campaignActivityId, String treatmentId,
                          Map<String, String> extraAttributes) {

    public PushOutcome {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(status, "status");
        extraAttributes = extraAttributes == null ? Map.of() : Map.copyOf(extraAttributes);
    }

    public static Builder builder(String appId) {
        return new Builder(appId);
    }

    /** The partition key: one device's events stay in order. */
    String partitionKey() {
        return endpointId != null ? endpointId : address;
    }

    public static final class Builder {
        private final String appId;
        private String endpointId;
        private String userId;
        private String address;
        private ChannelType channelType;
        private DeliveryStatus status;
        private Integer statusCode;
        private String statusMessage;
        private String messageId;
        private String updatedToken;
        private String requestId;
        private String traceId;
        private Instant finishedAt;
        private String campaignId;
        private String campaignActivityId;
        private String treatmentId;
        private Map<String, String> extraAttributes;

        private Builder(String appId) {
            this.appId = appId;
        }

        public Builder endpointId(String value) { this.endpointId = value; return this; }
        public Builder userId(String value) { this.userId = value; return this; }
        public Builder address(String value) { this.address = value; return this; }
        public Builder channelType(ChannelType value) { this.channelType = value; return this; }
        public Builder status(DeliveryStatus value) { this.status = value; return this; }
        public Builder statusCode(Integer value) { this.statusCode = value; return this; }
        public Builder statusMessage(String value) { this.statusMessage = value; return this; }
        public Builder messageId(String value) { this.messageId = value; return this; }
        public Builder updatedToken(String value) { this.updatedToken = value; return this; }
        public Builder requestId(String value) { this.requestId = value; return this; }
        public Builder traceId(String value) { this.traceId = value; return this; }
        public Builder finishedAt(Instant value) { this.finishedAt = value; return this; }
        public Builder extraAttributes(Map<String, String> value) { this.extraAttributes = value; return this; }

        /** Marks the delivery as part of a campaign run (reserved for the campaigns work). */
        public Builder campaign(String campaignId, String campaignActivityId, String treatmentId) {
            this.campaignId = campaignId;
            this.campaignActivityId = campaignActivityId;
            this.treatmentId = treatmentId;
            return this;
        }

        public PushOutcome build() {
            return new PushOutcome(appId, endpointId, userId, address, channelType, status, statusCode,
                    statusMessage, messageId, updatedToken, requestId, traceId, finishedAt, campaignId,
                    campaignActivityId, treatmentId, extraAttributes);
        }
    }
}
