package io.pinpush.cdk;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesized template as plain maps, for assertions Match cannot express. */
final class Cfn {

    private Cfn() {
    }

    static Map<String, Map<String, Object>> resources(Template template, String type) {
        return template.findResources(type);
    }

    static Map<String, Object> props(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of(value);
    }

    /** A value down a path of map keys, or null. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    /** The logical id a {@code {"Ref": ...}} or {@code {"Fn::GetAtt": [id, attr]}} points at. */
    static String target(Object reference) {
        Map<String, Object> ref = map(reference);
        if (ref.containsKey("Ref")) {
            return (String) ref.get("Ref");
        }
        return (String) list(ref.get("Fn::GetAtt")).get(0);
    }

    /** The one resource of a type whose logical id starts with a prefix (construct path without the hash). */
    static String logicalId(Template template, String type, String prefix) {
        List<String> ids = resources(template, type).keySet().stream().filter(id -> id.startsWith(prefix))
                .collect(Collectors.toList());
        if (ids.size() != 1) {
            throw new AssertionError("Expected one " + type + " named " + prefix + "*, found " + ids);
        }
        return ids.get(0);
    }

    /** Every Allow statement of every IAM policy attached to a role. */
    static List<Map<String, Object>> statementsOfRole(Template template, String roleId) {
        return resources(template, "AWS::IAM::Policy").values().stream()
                .filter(policy -> list(props(policy).get("Roles")).stream().anyMatch(r -> roleId.equals(target(r))))
                .flatMap(policy -> list(at(props(policy), "PolicyDocument", "Statement")).stream().map(Cfn::map))
                .toList();
    }

    static List<String> actions(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().map(String::valueOf).toList();
    }
}
