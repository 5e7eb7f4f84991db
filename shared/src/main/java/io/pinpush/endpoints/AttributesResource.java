package io.pinpush.endpoints;

import java.util.List;

/**
 * RemoveAttributes' answer.
 *
 * @param attributeType as in the path, such as {@code endpoint-custom-attributes}
 * @param attributes    the attribute names that were removed from at least one endpoint
 */
public record AttributesResource(String applicationId, String attributeType, List<String> attributes) {
}
