package io.pinpush.messaging;

import io.pinpush.channels.ChannelType;

/**
 * Who one delivery is for, and where its result goes in the response:
 * <ul>
 *   <li>a raw address (no endpoint): {@code MessageResponse.Result[address]}</li>
 *   <li>an endpoint named in Endpoints: {@code MessageResponse.EndpointResult[endpointId]}</li>
 *   <li>an endpoint of a user: {@code SendUsersMessageResponse.Result[userId][endpointId]}</li>
 * </ul>
 *
 * @param address     the device token; null only for an endpoint id that does not exist
 * @param channelType null only for an endpoint id that does not exist
 */
public record DeliveryTarget(String address, ChannelType channelType, String endpointId, String userId) {

    public static DeliveryTarget address(String address, ChannelType channelType) {
        return new DeliveryTarget(address, channelType, null, null);
    }

    public boolean isRawAddress() {
        return endpointId == null;
    }
}
