package io.pinpush.events;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointLocation;
import io.pinpush.endpoints.EndpointUser;
import java.util.List;
import java.util.Map;

/**
 * Pinpoint's PublicEndpoint: the endpoint part of a PutEvents batch item. It has exactly EndpointRequest's members;
 * it is read leniently here so an invalid endpoint fails its own item, not the whole request.
 */
public record PublicEndpoint(String address, Map<String, List<String>> attributes, ChannelType channelType,
                             EndpointDemographic demographic, String effectiveDate, String endpointStatus,
                             EndpointLocation location, Map<String, Double> metrics, String optOut,
                             String requestId, EndpointUser user) {

    public PublicEndpoint withRequestIdIfAbsent(String apiRequestId) {
        return requestId != null ? this : new PublicEndpoint(address, attributes, channelType, demographic,
                effectiveDate, endpointStatus, location, metrics, optOut, apiRequestId, user);
    }

    /**
     * This endpoint as another shape with the same members (the endpoints work's EndpointRequest), validated by
     * that shape's constructor: its BadRequestException comes out as is.
     */
    public <T> T as(Class<T> shape) {
        try {
            return Json.mapper().readValue(Json.write(this), shape);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof ApiError apiError) {
                    throw apiError;
                }
                cause = cause.getCause();
            }
            throw ApiError.badRequest("Invalid Endpoint: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("Invalid Endpoint: " + e.getOriginalMessage());
        }
    }
}
