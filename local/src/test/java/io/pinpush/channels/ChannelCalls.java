package io.pinpush.channels;

import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * The SDK's channel operations by channel type, so one test can cover every channel. Requests are given as
 * Pinpoint member names ({@code "Enabled"}, {@code "TokenKey"}, ...); responses come back as a {@link View}.
 */
final class ChannelCalls {

    private ChannelCalls() {
    }

    /** Any of the seven channel responses, read member by member; members a shape lacks are null. */
    record View(String applicationId, String creationDate, String defaultAuthenticationMethod, Boolean enabled,
                Boolean hasCredential, Boolean hasTokenKey, Boolean hasFcmServiceCredentials, String id,
                Boolean isArchived, String lastModifiedBy, String lastModifiedDate, String platform, Integer version,
                String credential) {

        static View of(SdkPojo response) {
            return new View(s(response, "ApplicationId"), s(response, "CreationDate"),
                    s(response, "DefaultAuthenticationMethod"), b(response, "Enabled"), b(response, "HasCredential"),
                    b(response, "HasTokenKey"), b(response, "HasFcmServiceCredentials"), s(response, "Id"),
                    b(response, "IsArchived"), s(response, "LastModifiedBy"), s(response, "LastModifiedDate"),
                    s(response, "Platform"), value(response, "Version", Integer.class), s(response, "Credential"));
        }

        private static String s(SdkPojo pojo, String member) {
            return value(pojo, member, String.class);
        }

        private static Boolean b(SdkPojo pojo, String member) {
            return value(pojo, member, Boolean.class);
        }

        private static <T> T value(SdkPojo pojo, String member, Class<T> type) {
            return pojo.sdkFields().stream().filter(f -> f.memberName().equals(member)).findFirst()
                    .map(f -> f.getValueOrDefault(pojo)).map(type::cast).orElse(null);
        }
    }

    static View update(PinpointClient pinpoint, String appId, ChannelType type, Map<String, ?> m) {
        Boolean enabled = (Boolean) m.get("Enabled");
        return View.of(switch (type) {
            case APNS -> pinpoint.updateApnsChannel(b -> b.applicationId(appId).apnsChannelRequest(r -> r
                    .enabled(enabled).defaultAuthenticationMethod(s(m, "DefaultAuthenticationMethod"))
                    .bundleId(s(m, "BundleId")).certificate(s(m, "Certificate")).privateKey(s(m, "PrivateKey"))
                    .teamId(s(m, "TeamId")).tokenKey(s(m, "TokenKey")).tokenKeyId(s(m, "TokenKeyId"))))
                    .apnsChannelResponse();
            case APNS_SANDBOX -> pinpoint.updateApnsSandboxChannel(b -> b.applicationId(appId)
                    .apnsSandboxChannelRequest(r -> r
                    .enabled(enabled).defaultAuthenticationMethod(s(m, "DefaultAuthenticationMethod"))
                    .bundleId(s(m, "BundleId")).certificate(s(m, "Certificate")).privateKey(s(m, "PrivateKey"))
                    .teamId(s(m, "TeamId")).tokenKey(s(m, "TokenKey")).tokenKeyId(s(m, "TokenKeyId"))))
                    .apnsSandboxChannelResponse();
            case APNS_VOIP -> pinpoint.updateApnsVoipChannel(b -> b.applicationId(appId)
                    .apnsVoipChannelRequest(r -> r
                    .enabled(enabled).defaultAuthenticationMethod(s(m, "DefaultAuthenticationMethod"))
                    .bundleId(s(m, "BundleId")).certificate(s(m, "Certificate")).privateKey(s(m, "PrivateKey"))
                    .teamId(s(m, "TeamId")).tokenKey(s(m, "TokenKey")).tokenKeyId(s(m, "TokenKeyId"))))
                    .apnsVoipChannelResponse();
            case APNS_VOIP_SANDBOX -> pinpoint.updateApnsVoipSandboxChannel(b -> b.applicationId(appId)
                    .apnsVoipSandboxChannelRequest(r -> r
                    .enabled(enabled).defaultAuthenticationMethod(s(m, "DefaultAuthenticationMethod"))
                    .bundleId(s(m, "BundleId")).certificate(s(m, "Certificate")).privateKey(s(m, "PrivateKey"))
                    .teamId(s(m, "TeamId")).tokenKey(s(m, "TokenKey")).tokenKeyId(s(m, "TokenKeyId"))))
                    .apnsVoipSandboxChannelResponse();
            case GCM -> pinpoint.updateGcmChannel(b -> b.applicationId(appId).gcmChannelRequest(r -> r
                    .enabled(enabled).defaultAuthenticationMethod(s(m, "DefaultAuthenticationMethod"))
                    .apiKey(s(m, "ApiKey")).serviceJson(s(m, "ServiceJson")))).gcmChannelResponse();
            case BAIDU -> pinpoint.updateBaiduChannel(b -> b.applicationId(appId).baiduChannelRequest(r -> r
                    .enabled(enabled).apiKey(s(m, "ApiKey")).secretKey(s(m, "SecretKey")))).baiduChannelResponse();
            case ADM -> pinpoint.updateAdmChannel(b -> b.applicationId(appId).admChannelRequest(r -> r
                    .enabled(enabled).clientId(s(m, "ClientId")).clientSecret(s(m, "ClientSecret"))))
                    .admChannelResponse();
            default -> throw new IllegalArgumentException(type + " is not a push channel");
        });
    }

    static View get(PinpointClient pinpoint, String appId, ChannelType type) {
        return View.of(switch (type) {
            case APNS -> pinpoint.getApnsChannel(b -> b.applicationId(appId)).apnsChannelResponse();
            case APNS_SANDBOX -> pinpoint.getApnsSandboxChannel(b -> b.applicationId(appId)).apnsSandboxChannelResponse();
            case APNS_VOIP -> pinpoint.getApnsVoipChannel(b -> b.applicationId(appId)).apnsVoipChannelResponse();
            case APNS_VOIP_SANDBOX -> pinpoint.getApnsVoipSandboxChannel(b -> b.applicationId(appId))
                    .apnsVoipSandboxChannelResponse();
            case GCM -> pinpoint.getGcmChannel(b -> b.applicationId(appId)).gcmChannelResponse();
            case BAIDU -> pinpoint.getBaiduChannel(b -> b.applicationId(appId)).baiduChannelResponse();
            case ADM -> pinpoint.getAdmChannel(b -> b.applicationId(appId)).admChannelResponse();
            default -> throw new IllegalArgumentException(type + " is not a push channel");
        });
    }

    static View delete(PinpointClient pinpoint, String appId, ChannelType type) {
        return View.of(switch (type) {
            case APNS -> pinpoint.deleteApnsChannel(b -> b.applicationId(appId)).apnsChannelResponse();
            case APNS_SANDBOX -> pinpoint.deleteApnsSandboxChannel(b -> b.applicationId(appId))
                    .apnsSandboxChannelResponse();
            case APNS_VOIP -> pinpoint.deleteApnsVoipChannel(b -> b.applicationId(appId)).apnsVoipChannelResponse();
            case APNS_VOIP_SANDBOX -> pinpoint.deleteApnsVoipSandboxChannel(b -> b.applicationId(appId))
                    .apnsVoipSandboxChannelResponse();
            case GCM -> pinpoint.deleteGcmChannel(b -> b.applicationId(appId)).gcmChannelResponse();
            case BAIDU -> pinpoint.deleteBaiduChannel(b -> b.applicationId(appId)).baiduChannelResponse();
            case ADM -> pinpoint.deleteAdmChannel(b -> b.applicationId(appId)).admChannelResponse();
            default -> throw new IllegalArgumentException(type + " is not a push channel");
        });
    }

    private static String s(Map<String, ?> members, String name) {
        return (String) members.get(name);
    }
}
