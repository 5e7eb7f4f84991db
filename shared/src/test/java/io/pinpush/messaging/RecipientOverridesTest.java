package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientOverridesTest {

    /**
     * A Context value of JSON null is left out of the merged Context, which becomes data.pinpoint keys (FCM refuses
     * data values that are not strings: the push would fail) and the events' attributes alike.
     */
    @Test
    void theRecipientsContextGoesOverTheRequestsWithoutNullValues() {
        Map<String, String> request = new HashMap<>(Map.of("campaign", "poker-night", "seat", "1"));
        request.put("empty", null);
        Map<String, String> recipient = new HashMap<>(Map.of("seat", "7"));
        recipient.put("cleared", null);

        Recipient.Overrides overrides = Recipient.Overrides.of(
                new EndpointSendConfiguration(null, recipient, null, null, null), request);

        assertThat(overrides.context()).isEqualTo(Map.of("campaign", "poker-night", "seat", "7"));
        assertThat(Recipient.Overrides.of((EndpointSendConfiguration) null, Map.of()).context()).isNull();
    }
}
