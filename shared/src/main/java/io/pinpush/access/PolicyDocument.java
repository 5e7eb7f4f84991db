package io.pinpush.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IAM-style policy document attached to a Pinpush access key:
 * {@code {"Version": "2012-10-17", "Statement": [{"Effect", "Action" | "NotAction", "Resource" | "NotResource",
 * "Condition"}]}}. Actions use Pinpoint's names ({@code mobiletargeting:SendMessages}), resources Pinpoint's ARNs.
 * Parsing rejects what IAM would reject (a BadRequestException saying which statement and why), so a key never
 * carries a policy that silently means something else.
 */
public record PolicyDocument(String version, List<Statement> statements) {

    public enum Effect { Allow, Deny }

    /** One statement; {@code notAction}/{@code notResource} say the lists are exclusions. */
    public record Statement(String sid, Effect effect, List<String> actions, boolean notAction, List<String> resources,
                            boolean notResource, List<Condition> conditions) {
    }

    /**
     * One condition: an operator ({@code StringEquals}, {@code StringLike}, {@code StringNotEquals}, ...), optionally
     * qualified by a set operator ({@code ForAllValues:}, {@code ForAnyValue:}) or {@code IfExists}, a key and values.
     */
    public record Condition(String operator, String key, List<String> values) {
    }

    static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "Null");

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public static PolicyDocument parse(String json) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw ApiError.badRequest("Policy is not valid JSON");
        }
        return parse(node);
    }

    public static PolicyDocument parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("Policy must be a JSON object with Version and Statement");
        }
        String version = node.path("Version").asText("2012-10-17");
        if (!version.equals("2012-10-17") && !version.equals("2008-10-17")) {
            throw ApiError.badRequest("Policy Version must be 2012-10-17");
        }
        JsonNode statementNode = node.get("Statement");
        if (statementNode == null || statementNode.isNull()) {
            throw ApiError.badRequest("Policy needs a Statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(s, statements.size()));
        }
        if (statements.isEmpty()) {
            throw ApiError.badRequest("Policy needs at least one Statement");
        }
        return new PolicyDocument(version, statements);
    }

    private static Statement statement(JsonNode s, int index) {
        String where = "Statement " + index + ": ";
        if (!s.isObject()) {
            throw ApiError.badRequest(where + "must be an object");
        }
        Effect effect;
        try {
            effect = Effect.valueOf(s.path("Effect").asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(where + "Effect must be Allow or Deny");
        }
        boolean notAction = s.has("NotAction");
        if (notAction == s.has("Action")) {
            throw ApiError.badRequest(where + "needs exactly one of Action and NotAction");
        }
        boolean notResource = s.has("NotResource");
        if (notResource == s.has("Resource")) {
            throw ApiError.badRequest(where + "needs exactly one of Resource and NotResource");
        }
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), where + "Action");
        for (String action : actions) {
            if (!action.equals("*") && !action.contains(":")) {
                throw ApiError.badRequest(where + "Action " + action + " must be service:Name, such as "
                        + "mobiletargeting:SendMessages");
            }
        }
        List<String> resources = strings(s.get(notResource ? "NotResource" : "Resource"), where + "Resource");
        List<Condition> conditions = new ArrayList<>();
        JsonNode conditionNode = s.get("Condition");
        if (conditionNode != null && !conditionNode.isNull()) {
            if (!conditionNode.isObject()) {
                throw ApiError.badRequest(where + "Condition must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = conditionNode.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!OPERATORS.contains(baseOperator(op.getKey()))) {
                    throw ApiError.badRequest(where + "unsupported condition operator " + op.getKey()
                            + "; supported: " + String.join(", ", new java.util.TreeSet<>(OPERATORS))
                            + ", with ForAllValues:/ForAnyValue: and ...IfExists");
                }
                if (!op.getValue().isObject()) {
                    throw ApiError.badRequest(where + "condition " + op.getKey() + " must map keys to values");
                }
                for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                    Map.Entry<String, JsonNode> key = keys.next();
                    conditions.add(new Condition(op.getKey(), key.getKey(),
                            strings(key.getValue(), where + "condition " + op.getKey() + " " + key.getKey())));
                }
            }
        }
        return new Statement(s.path("Sid").asText(null), effect, actions, notAction, resources, notResource, conditions);
    }

    /** {@code ForAnyValue:StringLikeIfExists} → {@code StringLike}. */
    static String baseOperator(String operator) {
        String base = operator;
        if (base.startsWith("ForAllValues:")) {
            base = base.substring("ForAllValues:".length());
        } else if (base.startsWith("ForAnyValue:")) {
            base = base.substring("ForAnyValue:".length());
        }
        return base.endsWith("IfExists") ? base.substring(0, base.length() - "IfExists".length()) : base;
    }

    private static List<String> strings(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            throw ApiError.badRequest(what + " is required");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            if (!value.isTextual() && !value.isBoolean() && !value.isNumber()) {
                throw ApiError.badRequest(what + " must be a string or a list of strings");
            }
            values.add(value.asText());
        }
        if (values.isEmpty()) {
            throw ApiError.badRequest(what + " must not be empty");
        }
        return values;
    }

    /** The document as JSON, in IAM's own layout (what a key's Policy member shows). */
    public JsonNode toJson() {
        ObjectNode root = Json.mapper().createObjectNode().put("Version", version);
        ArrayNode list = root.putArray("Statement");
        for (Statement s : statements) {
            ObjectNode out = list.addObject();
            if (s.sid() != null) {
                out.put("Sid", s.sid());
            }
            out.put("Effect", s.effect().name());
            ArrayNode actions = out.putArray(s.notAction() ? "NotAction" : "Action");
            s.actions().forEach(actions::add);
            ArrayNode resources = out.putArray(s.notResource() ? "NotResource" : "Resource");
            s.resources().forEach(resources::add);
            if (!s.conditions().isEmpty()) {
                ObjectNode conditions = out.putObject("Condition");
                for (Condition c : s.conditions()) {
                    ObjectNode op = conditions.has(c.operator()) ? (ObjectNode) conditions.get(c.operator())
                            : conditions.putObject(c.operator());
                    ArrayNode values = op.putArray(c.key());
                    c.values().forEach(values::add);
                }
            }
        }
        return root;
    }

    public String toJsonString() {
        return Json.write(toJson());
    }
}
