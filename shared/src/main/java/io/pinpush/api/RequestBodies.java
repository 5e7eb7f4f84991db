package io.pinpush.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns a request body (or a direct invocation payload) into a payload record, translating every way that can
 * fail into a message a caller can act on.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static <T> T read(String body, Class<T> payloadType) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("The request body is required: a " + payloadType.getSimpleName() + " JSON object");
        }
        T value = mapped(() -> Json.mapper().readValue(body, payloadType));
        if (value == null) {
            throw ApiError.badRequest("The request body must be a JSON object, not null");
        }
        return value;
    }

    /**
     * One part of a request read on its own (a PutEvents batch item's endpoint), so that its mistakes fail that part
     * only; they are described as {@link #read} describes them, with member paths from the part.
     */
    public static <T> T readPart(JsonNode part, Class<T> type) {
        return mapped(() -> Json.mapper().treeToValue(part, type));
    }

    private interface Reading<T> {
        T read() throws JsonProcessingException;
    }

    private static <T> T mapped(Reading<T> reading) {
        try {
            return reading.read();
        } catch (ValueInstantiationException e) {
            // Payload records validate themselves in their constructors; surface their message as is.
            if (e.getCause() instanceof ApiError apiError) {
                throw apiError;
            }
            throw ApiError.badRequest("Invalid " + describe(e) + ": " + rootMessage(e));
        } catch (InvalidFormatException e) {
            Class<?> target = e.getTargetType();
            if (target != null && target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.joining(", "));
                throw ApiError.badRequest("Invalid value '" + e.getValue() + "' for " + describe(e)
                        + ": expected one of " + allowed);
            }
            throw ApiError.badRequest("Wrong type for " + describe(e) + ": expected "
                    + (target == null ? "another type" : jsonTypeName(target)) + ", got " + e.getValue());
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "another type" : jsonTypeName(e.getTargetType());
            throw ApiError.badRequest("Wrong type for " + describe(e) + ": expected " + expected);
        } catch (JsonMappingException e) {
            throw ApiError.badRequest("Invalid " + describe(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        }
    }

    /** "member MessageConfiguration.APNSMessage.Badge", or "the request body" at the top level. */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "the request body" : "member " + path;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String jsonTypeName(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
