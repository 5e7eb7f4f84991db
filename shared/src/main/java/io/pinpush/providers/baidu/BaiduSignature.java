package io.pinpush.providers.baidu;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baidu Cloud Push (REST API 3.0) request signing, as its server SDKs do it:
 * {@code sign = md5hex(urlencode(HTTP_METHOD + url + k1=v1 + k2=v2 + ... + secret_key))}, where the parameters
 * are every form parameter except {@code sign} (apikey and timestamp included) sorted by name and concatenated
 * without separators, {@code url} is the full request URL, and urlencode is PHP's (form encoding, spaces as
 * {@code +}, {@code *} as {@code %2A}). The stand-in verifies with the same code.
 */
public final class BaiduSignature {

    private BaiduSignature() {
    }

    public static String sign(String method, String url, Map<String, String> params, String secretKey) {
        StringBuilder base = new StringBuilder(method).append(url);
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.equals("sign")) {
                base.append(name).append('=').append(value);
            }
        });
        base.append(secretKey);
        String encoded = URLEncoder.encode(base.toString(), StandardCharsets.UTF_8).replace("*", "%2A");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(encoded.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }

    /** Parameters as an {@code application/x-www-form-urlencoded} body. */
    public static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder();
        params.forEach((name, value) -> {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }
}
