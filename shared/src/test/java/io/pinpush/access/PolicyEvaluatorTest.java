package io.pinpush.access;

import static io.pinpush.access.PolicyEvaluator.Decision.ALLOW;
import static io.pinpush.access.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static io.pinpush.access.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final String APP = "arn:aws:mobiletargeting:us-east-1:111122223333:apps/app1";
    private static final String OTHER_APP = "arn:aws:mobiletargeting:us-east-1:111122223333:apps/app2";

    private static PolicyEvaluator.Decision eval(String policy, RequestContext request) {
        return PolicyEvaluator.evaluate(PolicyDocument.parse(policy), request);
    }

    private static RequestContext call(String action, String resource) {
        return RequestContext.of("mobiletargeting:" + action, resource);
    }

    private static String allow(String actions, String resources, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":" + resources + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    @Nested
    class ActionsAndResources {

        @Test
        void anAllowedActionOnAnAllowedResourceIsAllowed() {
            assertThat(eval(allow("\"mobiletargeting:GetApp\"", "\"" + APP + "\"", null), call("GetApp", APP)))
                    .isEqualTo(ALLOW);
        }

        @Test
        void anythingNotAllowedIsDeniedByDefault() {
            String policy = allow("\"mobiletargeting:GetApp\"", "\"" + APP + "\"", null);
            assertThat(eval(policy, call("DeleteApp", APP))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, call("GetApp", OTHER_APP))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void wildcardsMatchActionsCaseInsensitivelyAndResourcesExactly() {
            String policy = allow("[\"mobiletargeting:get*\",\"mobiletargeting:List?emplates\"]",
                    "\"arn:aws:mobiletargeting:*:111122223333:apps/app?\"", null);
            assertThat(eval(policy, call("GetSegments", APP))).isEqualTo(ALLOW);
            assertThat(eval(policy, call("ListTemplates", APP))).isEqualTo(ALLOW);
            assertThat(eval(policy, call("ListTemplateVersions", APP))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, call("GetSegments", APP + "0"))).as("? is one character").isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, call("GetSegments", APP.replace("apps", "APPS")))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, call("UpdateSegment", APP))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void resourceScopingCoversAnAppsChildrenOnlyWithItsSlashStar() {
            String policy = allow("\"mobiletargeting:*\"", "\"" + APP + "/*\"", null);
            assertThat(eval(policy, call("GetSegment", APP + "/segments/s1"))).isEqualTo(ALLOW);
            assertThat(eval(policy, call("GetApp", APP))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, call("GetSegment", OTHER_APP + "/segments/s1"))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void anExplicitDenyWinsOverAnyAllow() {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"mobiletargeting:*\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Deny\",\"Action\":\"mobiletargeting:Delete*\",\"Resource\":\"" + APP + "\"}]}";
            assertThat(eval(policy, call("DeleteApp", APP))).isEqualTo(EXPLICIT_DENY);
            assertThat(eval(policy, call("DeleteApp", OTHER_APP))).isEqualTo(ALLOW);
            assertThat(eval(policy, call("GetApp", APP))).isEqualTo(ALLOW);
        }

        @Test
        void notActionAndNotResourceAreExclusions() {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"NotAction\":[\"mobiletargeting:Delete*\"],\"NotResource\":\"" + OTHER_APP + "\"}]}";
            assertThat(eval(policy, call("GetApp", APP))).isEqualTo(ALLOW);
            assertThat(eval(policy, call("DeleteApp", APP))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, call("GetApp", OTHER_APP))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void theMobiletargetingWildcardDoesNotGrantKeyAdministration() {
            String policy = allow("\"mobiletargeting:*\"", "\"*\"", null);
            assertThat(PolicyEvaluator.evaluate(PolicyDocument.parse(policy),
                    RequestContext.of("pinpush:CreateAccessKey", "arn:aws:mobiletargeting:us-east-1:1:access-keys")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(PolicyEvaluator.evaluate(Policies.admin(),
                    RequestContext.of("pinpush:CreateAccessKey", "arn:aws:mobiletargeting:us-east-1:1:access-keys")))
                    .isEqualTo(ALLOW);
        }
    }

    @Nested
    class TagConditions {

        private RequestContext onTaggedApp(Map<String, String> resourceTags) {
            return new RequestContext("mobiletargeting:GetApp", APP, () -> resourceTags, null, null);
        }

        private RequestContext creating(Map<String, String> requestTags) {
            return new RequestContext("mobiletargeting:CreateApp", "arn:aws:mobiletargeting:us-east-1:111122223333:apps",
                    Map::of, requestTags, requestTags == null ? null : List.copyOf(requestTags.keySet()));
        }

        @Test
        void resourceTagStringEqualsMatchesTheResourcesTagValue() {
            String policy = allow("\"mobiletargeting:*\"", "\"*\"",
                    "{\"StringEquals\":{\"aws:ResourceTag/team\":[\"mobile\",\"web\"]}}");
            assertThat(eval(policy, onTaggedApp(Map.of("team", "web")))).isEqualTo(ALLOW);
            assertThat(eval(policy, onTaggedApp(Map.of("team", "data")))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, onTaggedApp(Map.of()))).as("absent tag").isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void resourceTagStringNotEqualsHoldsWhenTheTagIsAbsent() {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"mobiletargeting:*\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Deny\",\"Action\":\"mobiletargeting:*\",\"Resource\":\"*\",\"Condition\":"
                    + "{\"StringNotEquals\":{\"aws:ResourceTag/env\":\"dev\"}}}]}";
            assertThat(eval(policy, onTaggedApp(Map.of("env", "dev")))).isEqualTo(ALLOW);
            assertThat(eval(policy, onTaggedApp(Map.of("env", "prod")))).isEqualTo(EXPLICIT_DENY);
            assertThat(eval(policy, onTaggedApp(Map.of()))).isEqualTo(EXPLICIT_DENY);
        }

        @Test
        void resourceTagStringLikeUsesWildcards() {
            String policy = allow("\"mobiletargeting:*\"", "\"*\"",
                    "{\"StringLike\":{\"aws:ResourceTag/owner\":\"team-*\"}}");
            assertThat(eval(policy, onTaggedApp(Map.of("owner", "team-push")))).isEqualTo(ALLOW);
            assertThat(eval(policy, onTaggedApp(Map.of("owner", "someone")))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void requestTagRequiresTheTagOnTheCreate() {
            String policy = allow("\"mobiletargeting:CreateApp\"", "\"*\"",
                    "{\"StringEquals\":{\"aws:RequestTag/cost-center\":\"42\"}}");
            assertThat(eval(policy, creating(Map.of("cost-center", "42")))).isEqualTo(ALLOW);
            assertThat(eval(policy, creating(Map.of("cost-center", "7")))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, creating(null))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void tagKeysForAllValuesLimitsWhichKeysMayBeSet() {
            String policy = allow("\"mobiletargeting:*\"", "\"*\"",
                    "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"env\"]}}");
            assertThat(eval(policy, creating(Map.of("team", "a", "env", "b")))).isEqualTo(ALLOW);
            assertThat(eval(policy, creating(Map.of("team", "a", "owner", "b")))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, creating(null))).as("vacuously true for no tags").isEqualTo(ALLOW);
        }

        @Test
        void tagKeysForAnyValueNeedsOneOfTheKeys() {
            String policy = allow("\"mobiletargeting:*\"", "\"*\"",
                    "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"team\"}}");
            assertThat(eval(policy, creating(Map.of("team", "a", "other", "b")))).isEqualTo(ALLOW);
            assertThat(eval(policy, creating(Map.of("other", "b")))).isEqualTo(IMPLICIT_DENY);
            assertThat(eval(policy, creating(null))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void ifExistsAndNullTestPresence() {
            String ifExists = allow("\"mobiletargeting:*\"", "\"*\"",
                    "{\"StringEqualsIfExists\":{\"aws:RequestTag/team\":\"mobile\"}}");
            assertThat(eval(ifExists, creating(null))).isEqualTo(ALLOW);
            assertThat(eval(ifExists, creating(Map.of("team", "web")))).isEqualTo(IMPLICIT_DENY);
            String mustTag = allow("\"mobiletargeting:*\"", "\"*\"", "{\"Null\":{\"aws:RequestTag/team\":\"false\"}}");
            assertThat(eval(mustTag, creating(Map.of("team", "x")))).isEqualTo(ALLOW);
            assertThat(eval(mustTag, creating(null))).isEqualTo(IMPLICIT_DENY);
        }

        @Test
        void allConditionsOfAStatementMustHold() {
            String policy = allow("\"mobiletargeting:*\"", "\"*\"", "{\"StringEquals\":{\"aws:ResourceTag/team\":\"a\","
                    + "\"aws:ResourceTag/env\":\"prod\"}}");
            assertThat(eval(policy, onTaggedApp(Map.of("team", "a", "env", "prod")))).isEqualTo(ALLOW);
            assertThat(eval(policy, onTaggedApp(Map.of("team", "a", "env", "dev")))).isEqualTo(IMPLICIT_DENY);
        }
    }

    @Nested
    class Documents {

        @Test
        void aDocumentIAmWouldRejectIsABadRequest() {
            assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}")).isInstanceOf(ApiError.class).hasMessageContaining("Effect");
            assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}"))
                    .hasMessageContaining("Resource");
            assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"x\"}}}]}"))
                    .hasMessageContaining("unsupported condition operator DateGreaterThan");
            assertThatThrownBy(() -> PolicyDocument.parse("not json")).hasMessageContaining("not valid JSON");
        }

        @Test
        void aDocumentSurvivesItsOwnJson() {
            PolicyDocument policy = PolicyDocument.parse(allow("[\"mobiletargeting:GetApp\"]", "\"" + APP + "\"",
                    "{\"StringEquals\":{\"aws:ResourceTag/team\":[\"a\",\"b\"]}}"));
            assertThat(PolicyDocument.parse(policy.toJsonString())).isEqualTo(policy);
        }

        @Test
        void readyMadePoliciesGrantWhatTheirRoleNeeds() {
            PolicyDocument sender = Policies.sender("us-east-1", "111122223333", "app1");
            assertThat(PolicyEvaluator.evaluate(sender, call("SendMessages", APP + "/messages"))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(sender, call("SendUsersMessages", APP + "/messages"))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(sender, call("SendMessages", OTHER_APP + "/messages")))
                    .isEqualTo(IMPLICIT_DENY);
            assertThat(PolicyEvaluator.evaluate(sender, call("GetApp", APP))).isEqualTo(IMPLICIT_DENY);
            PolicyDocument appUser = Policies.appUser("us-east-1", "111122223333", "app1");
            assertThat(PolicyEvaluator.evaluate(appUser, call("UpdateEndpoint", APP + "/endpoints/e1"))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(appUser, call("UpdateEndpointsBatch", APP))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(appUser, call("PutEvents", APP + "/events"))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(appUser, call("DeleteEndpoint", APP + "/endpoints/e1")))
                    .isEqualTo(IMPLICIT_DENY);
            PolicyDocument readOnly = Policies.readOnly();
            assertThat(PolicyEvaluator.evaluate(readOnly, call("GetEndpoint", APP + "/endpoints/e1"))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(readOnly, call("ListTemplates", "x"))).isEqualTo(ALLOW);
            assertThat(PolicyEvaluator.evaluate(readOnly, call("UpdateEndpoint", APP))).isEqualTo(IMPLICIT_DENY);
            assertThatThrownBy(() -> Policies.of("SENDER", null, "us-east-1", "1")).hasMessageContaining("ApplicationId");
        }
    }
}
