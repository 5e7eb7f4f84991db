package io.pinpush.local.standins;

import io.pinpush.providers.baidu.BaiduSignature;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Baidu Cloud Push stand-in over HTTP/1.1 serving {@code POST /rest/3.0/push/single_device}: it checks the
 * request's signature with the secret key of the API key ({@link #registerApp}), the timestamp (ten minutes,
 * as Baidu), and answers {@code {"request_id", "response_params": {"msg_id", "send_time"}}} or the error
 * {@link #respondTo} programmed for a channel id.
 */
public final class BaiduStandIn extends PlainHttpStandIn {

    public static final String BASE_PATH = "/rest/3.0";
    public static final String SEND_PATH = BASE_PATH + "/push/single_device";

    private final Map<String, String> secretKeys = new ConcurrentHashMap<>();
    private final Map<String, Answer> programmed = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    private BaiduStandIn() {
        super("Baidu");
    }

    public static BaiduStandIn start() {
        return new BaiduStandIn();
    }

    /** For {@code PINPUSH_BAIDU_ENDPOINT}. */
    public URI endpoint() {
        return URI.create(baseUrl() + BASE_PATH);
    }

    /** Requests signed with {@code secretKey} for {@code apiKey} are accepted. */
    public void registerApp(String apiKey, String secretKey) {
        secretKeys.put(apiKey, secretKey);
    }

    /** From now on, pushes to {@code channelId} get Baidu's error {@code errorCode} with HTTP {@code httpStatus}. */
    public void respondTo(String channelId, int httpStatus, int errorCode, String errorMessage) {
        programmed.put(channelId, error(httpStatus, errorCode, errorMessage));
    }

    public List<Received> sendRequests() {
        return received();
    }

    /** The form parameters of a request. */
    public static Map<String, String> params(Received request) {
        return form(request.body());
    }

    @Override
    protected Answer answer(Received request) {
        if (!request.method().equals("POST") || !request.path().equals(SEND_PATH)) {
            return error(404, 30601, "Method Not Allowed");
        }
        Map<String, String> params = params(request);
        String secretKey = secretKeys.get(params.getOrDefault("apikey", ""));
        String sign = params.get("sign");
        if (secretKey == null || sign == null
                || !sign.equals(BaiduSignature.sign("POST", baseUrl() + SEND_PATH, params, secretKey))) {
            return error(401, 30603, "Authentication Failed");
        }
        long timestamp = Long.parseLong(params.getOrDefault("timestamp", "0"));
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 600) {
            return error(401, 30606, "Request Time Expires Timeout");
        }
        String channelId = params.get("channel_id");
        if (channelId == null || params.get("msg") == null) {
            return error(400, 30602, "Request Params Not Valid");
        }
        Answer answer = programmed.get(channelId);
        return answer != null ? answer : Answer.json(200, "{\"request_id\": " + counter.incrementAndGet()
                + ", \"response_params\": {\"msg_id\": \"" + (7_000_000_000L + counter.incrementAndGet())
                + "\", \"send_time\": " + Instant.now().getEpochSecond() + "}}");
    }

    private Answer error(int status, int errorCode, String message) {
        return Answer.json(status, "{\"request_id\": " + counter.incrementAndGet() + ", \"error_code\": " + errorCode
                + ", \"error_msg\": \"" + message + "\"}");
    }
}
