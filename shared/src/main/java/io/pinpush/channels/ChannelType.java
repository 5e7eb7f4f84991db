package io.pinpush.channels;

/**
 * Pinpoint's ChannelType enum. Pinpush delivers push channels (APNs, FCM/GCM, ADM, Baidu); the other values
 * are accepted on endpoints, as Pinpoint accepts them, but have no channel to send through here.
 */
public enum ChannelType {
    PUSH, GCM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, ADM, SMS, VOICE, EMAIL, BAIDU, CUSTOM, IN_APP;

    public boolean isApns() {
        return this == APNS || this == APNS_SANDBOX || this == APNS_VOIP || this == APNS_VOIP_SANDBOX;
    }

    /** Sandbox channels deliver through the APNs development environment. */
    public boolean isApnsSandbox() {
        return this == APNS_SANDBOX || this == APNS_VOIP_SANDBOX;
    }

    public boolean isApnsVoip() {
        return this == APNS_VOIP || this == APNS_VOIP_SANDBOX;
    }

    /** A channel Pinpush can deliver push notifications through. */
    public boolean isPush() {
        return isApns() || this == GCM || this == ADM || this == BAIDU;
    }
}
