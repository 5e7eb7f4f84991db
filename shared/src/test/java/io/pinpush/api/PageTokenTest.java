package io.pinpush.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTokenTest {

    @Test
    void aTokenComesBackAsTheKeyItWasMadeFrom() {
        Map<String, String> key = Map.of("pk", "app-1", "sk", "job#import#2026");

        assertThat(PageToken.decodeWithin(PageToken.encode(key), "app-1", "job#import#")).isEqualTo(key);
    }

    /** Another listing's token, another app's, or one that was never made here: a 400, never a 500 or a foreign page. */
    @Test
    void aTokenOfAnotherListingOrAppOrNoneAtAllIsABadRequest() {
        String exportJobs = PageToken.encode(Map.of("pk", "app-1", "sk", "job#export#2026"));
        String otherApp = PageToken.encode(Map.of("pk", "app-2", "sk", "job#import#2026"));
        String extraMember = PageToken.encode(Map.of("pk", "app-1", "sk", "job#import#2026", "listPk", "apps"));

        for (String token : new String[] {exportJobs, otherApp, extraMember, "not-a-token", ""}) {
            assertThatThrownBy(() -> PageToken.decodeWithin(token, "app-1", "job#import#")).as(token)
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.type()).isEqualTo(ApiError.Type.BAD_REQUEST);
                        assertThat(e.getMessage()).startsWith("The pagination token is not valid");
                    });
        }
    }
}
