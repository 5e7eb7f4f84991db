package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.api.RequestBodies;
import io.pinpush.channels.ChannelType;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Request-level mistakes are BadRequestExceptions raised while the body is read, before anything happens. */
class SendRequestValidationTest {

    private static final String APNS = "\"MessageConfiguration\": {\"APNSMessage\": {\"Body\": \"hi\"}}";

    @Test
    void aValidRequestKeepsItsRecipientsInRequestOrder() {
        MessageRequest request = RequestBodies.read("""
                {"Addresses": {"z-token": {"ChannelType": "APNS"}, "a-token": {"ChannelType": "GCM", "BodyOverride": "b"}},
                 "Endpoints": {"e2": {}, "e1": {"TitleOverride": "t"}}, %s}""".formatted(APNS), MessageRequest.class);

        assertThat(request.addresses().keySet()).containsExactly("z-token", "a-token");
        assertThat(request.addresses().get("a-token").channelType()).isEqualTo(ChannelType.GCM);
        assertThat(request.endpoints().keySet()).containsExactly("e2", "e1");
    }

    @Test
    void messageConfigurationIsRequired() {
        assertBadRequest("{\"Addresses\": {\"t\": {\"ChannelType\": \"APNS\"}}}", MessageRequest.class,
                "MessageConfiguration is required");
        assertBadRequest("{\"Users\": {\"u\": {}}}", SendUsersMessageRequest.class, "MessageConfiguration is required");
    }

    @Test
    void aMessageConfigurationWithoutAPushMessageIsRefused() {
        assertBadRequest("{\"Addresses\": {\"t\": {\"ChannelType\": \"APNS\"}}, \"MessageConfiguration\": {}}",
                MessageRequest.class, "needs a push message");
    }

    @Test
    void emailSmsAndVoiceMessagesAreRefused() {
        for (String member : new String[] {"EmailMessage", "SMSMessage", "VoiceMessage"}) {
            assertBadRequest("""
                    {"Addresses": {"t": {"ChannelType": "GCM"}},
                     "MessageConfiguration": {"GCMMessage": {"Body": "x"}, "%s": {"Body": "x"}}}""".formatted(member),
                    MessageRequest.class, "MessageConfiguration." + member + " is not supported");
        }
    }

    @Test
    void recipientsAreRequired() {
        assertBadRequest("{" + APNS + "}", MessageRequest.class, "Addresses or Endpoints is required");
        assertBadRequest("{\"Users\": {}, " + APNS + "}", SendUsersMessageRequest.class, "Users is required");
    }

    @Test
    void atMostOneHundredAddressesEndpointsAndUsers() {
        String addresses = IntStream.range(0, 101).mapToObj(i -> "\"t" + i + "\": {\"ChannelType\": \"APNS\"}")
                .collect(Collectors.joining(","));
        assertBadRequest("{\"Addresses\": {" + addresses + "}, " + APNS + "}", MessageRequest.class,
                "At most 100 Addresses per request, got 101");

        String endpoints = IntStream.range(0, 101).mapToObj(i -> "\"e" + i + "\": {}").collect(Collectors.joining(","));
        assertBadRequest("{\"Endpoints\": {" + endpoints + "}, " + APNS + "}", MessageRequest.class,
                "At most 100 Endpoints per request, got 101");
        assertBadRequest("{\"Users\": {" + endpoints + "}, " + APNS + "}", SendUsersMessageRequest.class,
                "At most 100 Users per request, got 101");

        String hundred = IntStream.range(0, 100).mapToObj(i -> "\"t" + i + "\": {\"ChannelType\": \"APNS\"}")
                .collect(Collectors.joining(","));
        assertThat(RequestBodies.read("{\"Addresses\": {" + hundred + "}, " + APNS + "}", MessageRequest.class)
                .addresses()).hasSize(100);
    }

    @Test
    void addressesNeedAKnownPushChannelType() {
        assertBadRequest("{\"Addresses\": {\"t\": {}}, " + APNS + "}", MessageRequest.class,
                "Addresses.t.ChannelType is required");
        assertBadRequest("{\"Addresses\": {\"t\": null}, " + APNS + "}", MessageRequest.class,
                "Addresses.t.ChannelType is required");
        assertBadRequest("{\"Addresses\": {\"t\": {\"ChannelType\": \"PIGEON\"}}, " + APNS + "}", MessageRequest.class,
                "PIGEON");
        assertBadRequest("{\"Addresses\": {\"+15550100\": {\"ChannelType\": \"SMS\"}}, " + APNS + "}",
                MessageRequest.class, "ChannelType SMS is not a push channel");
    }

    @Test
    void emptyRecipientKeysAreRefused() {
        assertBadRequest("{\"Addresses\": {\" \": {\"ChannelType\": \"APNS\"}}, " + APNS + "}", MessageRequest.class,
                "Addresses must not contain an empty key");
        assertBadRequest("{\"Users\": {\"\": {}}, " + APNS + "}", SendUsersMessageRequest.class,
                "Users must not contain an empty key");
    }

    @Test
    void aPushTemplateMayProvideAllTheContent() {
        MessageRequest request = RequestBodies.read("{\"Addresses\": {\"t\": {\"ChannelType\": \"APNS\"}}, "
                + "\"MessageConfiguration\": {}, \"TemplateConfiguration\": {\"PushTemplate\": {\"Name\": \"welcome\"}}}",
                MessageRequest.class);

        assertThat(request.templateConfiguration().pushTemplate().name()).isEqualTo("welcome");
    }

    @Test
    void templatesOtherThanPushAndNamelessTemplatesAreRefused() {
        assertBadRequest("{\"Addresses\": {\"t\": {\"ChannelType\": \"APNS\"}}, \"MessageConfiguration\": {}, "
                        + "\"TemplateConfiguration\": {\"SMSTemplate\": {\"Name\": \"x\"}}}", MessageRequest.class,
                "may only name a PushTemplate");
        assertBadRequest("{\"Users\": {\"u\": {}}, \"MessageConfiguration\": {}, "
                        + "\"TemplateConfiguration\": {\"PushTemplate\": {\"Version\": \"2\"}}}",
                SendUsersMessageRequest.class, "TemplateConfiguration.PushTemplate.Name is required");
    }

    @Test
    void directPayloadsNameTheAppAndExactlyOneRequest() {
        String message = "{\"Addresses\": {\"t\": {\"ChannelType\": \"APNS\"}}, " + APNS + "}";
        assertBadRequest("{\"MessageRequest\": " + message + "}", DirectSendRequest.class, "ApplicationId is required");
        assertBadRequest("{\"ApplicationId\": \"a\"}", DirectSendRequest.class, "Exactly one of");
        assertBadRequest("{\"ApplicationId\": \"a\", \"MessageRequest\": " + message
                + ", \"SendUsersMessageRequest\": {\"Users\": {\"u\": {}}, " + APNS + "}}", DirectSendRequest.class,
                "Exactly one of");
        assertBadRequest("{\"ApplicationId\": \"a\", \"MessageRequest\": {" + APNS + "}}", DirectSendRequest.class,
                "Addresses or Endpoints is required");

        DirectSendRequest ok = RequestBodies.read("{\"ApplicationId\": \"a\", \"MessageRequest\": " + message
                + ", \"Async\": true}", DirectSendRequest.class);
        assertThat(ok.isAsync()).isTrue();
        assertThat(ok.messageRequest().addresses()).containsKey("t");
    }

    private static void assertBadRequest(String json, Class<?> type, String message) {
        assertThatThrownBy(() -> RequestBodies.read(json, type))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.type()).isEqualTo(ApiError.Type.BAD_REQUEST))
                .hasMessageContaining(message);
    }
}
