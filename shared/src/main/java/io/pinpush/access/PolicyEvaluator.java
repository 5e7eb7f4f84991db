package io.pinpush.access;

import io.pinpush.access.PolicyDocument.Condition;
import io.pinpush.access.PolicyDocument.Effect;
import io.pinpush.access.PolicyDocument.Statement;
import java.util.List;

/**
 * IAM's evaluation logic for one identity policy: an explicit Deny in any matching statement wins, otherwise a
 * matching Allow allows, otherwise the request is denied by default. A statement matches when its action, its
 * resource and every one of its conditions match; values listed under one condition key are alternatives.
 */
public final class PolicyEvaluator {

    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private PolicyEvaluator() {
    }

    public static Decision evaluate(PolicyDocument policy, RequestContext request) {
        boolean allowed = false;
        for (Statement statement : policy.statements()) {
            if (!applies(statement, request)) {
                continue;
            }
            if (statement.effect() == Effect.Deny) {
                return Decision.EXPLICIT_DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean applies(Statement statement, RequestContext request) {
        boolean actionListed = anyMatches(statement.actions(), request.action(), true);
        if (actionListed == statement.notAction()) {
            return false;
        }
        boolean resourceListed = anyMatches(statement.resources(), request.resource(), false);
        if (resourceListed == statement.notResource()) {
            return false;
        }
        return statement.conditions().stream().allMatch(condition -> holds(condition, request));
    }

    /** Actions compare case-insensitively, as IAM's do; ARNs case-sensitively. */
    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        return patterns.stream().anyMatch(pattern -> Wildcards.matches(pattern, value, ignoreCase));
    }

    static boolean holds(Condition condition, RequestContext request) {
        String operator = condition.operator();
        String base = PolicyDocument.baseOperator(operator);
        List<String> actual = request.values(condition.key());
        boolean absent = actual == null || actual.isEmpty();
        if (base.equals("Null")) {
            return condition.values().stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        boolean forAll = operator.startsWith("ForAllValues:");
        boolean forAny = operator.startsWith("ForAnyValue:");
        boolean negated = base.contains("Not");
        if (absent) {
            // IAM: ForAllValues holds vacuously on an empty set; IfExists skips an absent key; a negated operator
            // finds nothing equal to exclude; a positive one finds nothing to match.
            return forAll || operator.endsWith("IfExists") || (negated && !forAny);
        }
        if (forAll) {
            return actual.stream().allMatch(value -> single(base, negated, value, condition.values()));
        }
        if (forAny || !negated) {
            return actual.stream().anyMatch(value -> single(base, negated, value, condition.values()));
        }
        return actual.stream().allMatch(value -> single(base, negated, value, condition.values()));
    }

    /** Whether one request value satisfies the operator against the policy's values. */
    private static boolean single(String base, boolean negated, String value, List<String> policyValues) {
        boolean like = base.contains("Like");
        boolean ignoreCase = base.endsWith("IgnoreCase");
        boolean matched = policyValues.stream().anyMatch(expected -> like
                ? Wildcards.matches(expected, value, false)
                : ignoreCase ? expected.equalsIgnoreCase(value) : expected.equals(value));
        return negated != matched;
    }
}
