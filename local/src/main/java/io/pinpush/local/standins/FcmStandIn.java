package io.pinpush.local.standins;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real FCM stand-in: an HTTP/2 server over TLS (ALPN h2, HTTP/1.1 fallback) serving what Pinpush talks to.
 * <ul>
 *   <li>{@code POST /token}: Google's OAuth token endpoint. Checks the jwt-bearer assertion (RS256 signature of a
 *       service account made by {@link #createServiceAccount}, audience, scope, expiry) and mints access tokens.</li>
 *   <li>{@code POST /v1/projects/{project}/messages:send}: FCM HTTP v1. Checks the bearer token, answers 200 with
 *       a message name or what {@link #respondTo} programmed for the message's token.</li>
 *   <li>{@code POST /fcm/send}: the legacy API, for server keys registered with {@link #registerLegacyKey}.</li>
 * </ul>
 * Every request is recorded with its protocol, headers and body, unless the stand-in was started {@link #lean()}.
 */
public final class FcmStandIn implements AutoCloseable {

    /** One request as the stand-in received it (header names in lower case). */
    public record Received(String protocol, String method, String path, Map<String, String> headers, String body) {
        public JsonNode json() {
            return Json.read(body, JsonNode.class);
        }
    }

    /** A service account as its JSON key file says, and as a GCM channel holds it. */
    public record ServiceAccount(String projectId, String clientEmail, String privateKeyPem, String tokenUri, String json) {
        public ChannelCredentials.FcmServiceAccount credentials() {
            return new ChannelCredentials.FcmServiceAccount(json, projectId, clientEmail, privateKeyPem, tokenUri);
        }
    }

    private record IssuedToken(String projectId, Instant expiresAt) {
    }

    private static final Pattern SEND_PATH = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final int MAX_BODY = 1 << 20;

    private final Map<String, PublicKey> accountKeys = new ConcurrentHashMap<>();
    private final Map<String, String> accountProjects = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> issuedTokens = new ConcurrentHashMap<>();
    private final Set<String> legacyKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, FcmResponse> programmed = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();
    private final LongAdder acceptedSends = new LongAdder();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private final boolean recording;
    private final EventLoopGroup eventLoops = new NioEventLoopGroup(1);
    private final Channel serverChannel;
    private final int port;

    private FcmStandIn(boolean recording) {
        this.recording = recording;
        try {
            SslContext tls = SslContextBuilder.forServer(StandInTls.serverKey(), StandInTls.serverCertificateChain())
                    .sslProvider(SslProvider.JDK)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
            serverChannel = new ServerBootstrap()
                    .group(eventLoops)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()), new ProtocolNegotiation());
                        }
                    })
                    .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        } catch (Exception e) {
            eventLoops.shutdownGracefully();
            throw new IllegalStateException("Cannot start the FCM stand-in", e);
        }
    }

    public static FcmStandIn start() {
        return new FcmStandIn(true);
    }

    /**
     * A stand-in for benchmarks: it records nothing (a recording stand-in grows a copy-on-write list by one entry
     * per request, which costs more than the request) and accepts every v1 send that carries a valid access token
     * for its project without reading the body, so every client measured against it pays the same small provider
     * cost. Tokens, legacy keys and programmed answers for the legacy API work as in {@link #start()}.
     */
    public static FcmStandIn lean() {
        return new FcmStandIn(false);
    }

    /** The base URL, for {@code PINPUSH_FCM_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("https://localhost:" + port);
    }

    /** The legacy send URL, for {@code PINPUSH_GCM_LEGACY_ENDPOINT}. */
    public URI legacyEndpoint() {
        return URI.create(endpoint() + "/fcm/send");
    }

    public String tokenUri() {
        return endpoint() + "/token";
    }

    /** A new service account of {@code projectId} (RSA key generated here) whose tokens this stand-in honours. */
    public ServiceAccount createServiceAccount(String projectId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String clientEmail = "pinpush-" + counter.incrementAndGet() + "@" + projectId + ".iam.gserviceaccount.com";
            accountKeys.put(clientEmail, pair.getPublic());
            accountProjects.put(clientEmail, projectId);
            String privateKeyPem = StandInTls.pkcs8Pem(pair.getPrivate());
            Map<String, String> json = new LinkedHashMap<>();
            json.put("type", "service_account");
            json.put("project_id", projectId);
            json.put("private_key_id", HexFormat.of().formatHex(pair.getPublic().getEncoded(), 0, 20));
            json.put("private_key", privateKeyPem);
            json.put("client_email", clientEmail);
            json.put("client_id", Long.toString(100000000000L + counter.get()));
            json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
            json.put("token_uri", tokenUri());
            return new ServiceAccount(projectId, clientEmail, privateKeyPem, tokenUri(), Json.write(json));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An access token for {@code account} issued directly, without the OAuth exchange: for clients that hold a
     * token already (a benchmark's raw HTTP client). It expires like a minted one.
     */
    public String issueAccessToken(ServiceAccount account) {
        return issue(account.projectId());
    }

    public void registerLegacyKey(String serverKey) {
        legacyKeys.add(serverKey);
    }

    /** From now on, messages to {@code registrationToken} get {@code response} (v1 or legacy, whichever API is used). */
    public void respondTo(String registrationToken, FcmResponse response) {
        programmed.put(registrationToken, response);
    }

    /** Every access token minted so far stops working (as when Google revokes them): FCM answers 401. */
    public void revokeAccessTokens() {
        issuedTokens.clear();
    }

    /** The expires_in of access tokens minted from now on. */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> tokenRequests() {
        return received.stream().filter(request -> request.path().equals("/token")).toList();
    }

    public List<Received> sendRequests() {
        return received.stream().filter(request -> !request.path().equals("/token")).toList();
    }

    /** v1 sends answered 200 so far (counted in both modes; a benchmark checks it got exactly what it sent). */
    public long acceptedSends() {
        return acceptedSends.sum();
    }

    public void clearReceived() {
        received.clear();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private FcmResponse answer(Received request) {
        if (!request.method().equals("POST")) {
            return json(405, "{\"error\": {\"code\": 405, \"status\": \"METHOD_NOT_ALLOWED\"}}");
        }
        if (request.path().equals("/token")) {
            return token(request);
        }
        Matcher send = SEND_PATH.matcher(request.path());
        if (send.matches()) {
            return sendV1(send.group(1), request);
        }
        if (request.path().equals("/fcm/send")) {
            return sendLegacy(request);
        }
        return json(404, "{\"error\": {\"code\": 404, \"message\": \"No such endpoint\", \"status\": \"NOT_FOUND\"}}");
    }

    private FcmResponse token(Received request) {
        QueryStringDecoder form = new QueryStringDecoder(request.body(), StandardCharsets.UTF_8, false);
        String grant = first(form, "grant_type");
        String assertion = first(form, "assertion");
        if (!JWT_BEARER.equals(grant) || assertion == null) {
            return invalidGrant("Expected grant_type " + JWT_BEARER + " with an assertion");
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return invalidGrant("The assertion is not a JWT");
        }
        JsonNode header = Json.read(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8), JsonNode.class);
        JsonNode claims = Json.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), JsonNode.class);
        PublicKey key = accountKeys.get(claims.path("iss").asText());
        if (key == null || !"RS256".equals(header.path("alg").asText())) {
            return invalidGrant("Unknown service account or algorithm");
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + '.' + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return invalidGrant("Invalid JWT Signature.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return invalidGrant("Invalid JWT Signature.");
        }
        long now = Instant.now().getEpochSecond();
        if (!tokenUri().equals(claims.path("aud").asText()) || !claims.path("scope").asText().contains(SCOPE)
                || claims.path("exp").asLong() <= now) {
            return invalidGrant("Invalid JWT: audience, scope or expiry");
        }
        String accessToken = issue(accountProjects.get(claims.path("iss").asText()));
        return json(200, "{\"access_token\": \"" + accessToken + "\", \"expires_in\": " + tokenLifetime.toSeconds()
                + ", \"token_type\": \"Bearer\"}");
    }

    private String issue(String projectId) {
        String accessToken = "ya29.standin-" + counter.incrementAndGet();
        issuedTokens.put(accessToken, new IssuedToken(projectId, Instant.now().plus(tokenLifetime)));
        return accessToken;
    }

    private FcmResponse sendV1(String project, Received request) {
        String authorization = request.headers().getOrDefault("authorization", "");
        IssuedToken token = authorization.startsWith("Bearer ") ? issuedTokens.get(authorization.substring(7)) : null;
        if (token == null || Instant.now().isAfter(token.expiresAt())) {
            return json(401, "{\"error\": {\"code\": 401, \"message\": \"Request had invalid authentication credentials.\","
                    + " \"status\": \"UNAUTHENTICATED\"}}");
        }
        if (!project.equals(token.projectId())) {
            return json(403, "{\"error\": {\"code\": 403, \"message\": \"Permission denied on project " + project
                    + "\", \"status\": \"PERMISSION_DENIED\"}}");
        }
        if (!recording) {
            return accepted(project);
        }
        JsonNode message;
        try {
            message = request.json().path("message");
        } catch (RuntimeException e) {
            return FcmResponse.invalidMessage("Invalid JSON payload received.");
        }
        String registrationToken = message.path("token").asText(null);
        if (registrationToken == null) {
            return FcmResponse.invalidMessage("Request contains an invalid argument: message.token is required");
        }
        FcmResponse response = programmed.get(registrationToken);
        return response != null ? response : accepted(project);
    }

    private FcmResponse accepted(String project) {
        acceptedSends.increment();
        return json(200, "{\"name\": \"projects/" + project + "/messages/" + counter.incrementAndGet() + "\"}");
    }

    private FcmResponse sendLegacy(Received request) {
        String authorization = request.headers().getOrDefault("authorization", "");
        if (!authorization.startsWith("key=") || !legacyKeys.contains(authorization.substring(4))) {
            return new FcmResponse(401, Map.of("Content-Type", "text/html; charset=UTF-8"),
                    "<HTML><HEAD><TITLE>Unauthorized</TITLE></HEAD><BODY><H1>Unauthorized</H1></BODY></HTML>");
        }
        String to = request.json().path("to").asText("");
        FcmResponse response = programmed.get(to);
        return response != null ? response : json(200, "{\"multicast_id\": " + counter.incrementAndGet()
                + ", \"success\": 1, \"failure\": 0, \"canonical_ids\": 0, \"results\": [{\"message_id\": \"0:"
                + counter.incrementAndGet() + "%standin\"}]}");
    }

    private static FcmResponse invalidGrant(String description) {
        return json(400, "{\"error\": \"invalid_grant\", \"error_description\": \"" + description + "\"}");
    }

    private static FcmResponse json(int status, String body) {
        return new FcmResponse(status, Map.of("Content-Type", "application/json; charset=UTF-8"), body);
    }

    private static String first(QueryStringDecoder form, String name) {
        List<String> values = form.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** HTTP/2 when the client offers it through ALPN (the JDK HttpClient and FCM's clients do), else HTTP/1.1. */
    private final class ProtocolNegotiation extends ApplicationProtocolNegotiationHandler {
        ProtocolNegotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext context, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                context.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                        new HttpObjectAggregator(MAX_BODY), new Requests("HTTP/2"));
                            }
                        }));
            } else {
                context.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Requests("HTTP/1.1"));
            }
        }
    }

    private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String protocol;

        Requests(String protocol) {
            this.protocol = protocol;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(header -> {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!name.startsWith("x-http2-")) {
                    headers.merge(name, header.getValue(), (a, b) -> a + ", " + b);
                }
            });
            Received received = new Received(protocol, request.method().name(), new QueryStringDecoder(request.uri()).path(),
                    headers, request.content().toString(StandardCharsets.UTF_8));
            if (recording) {
                FcmStandIn.this.received.add(received);
            }
            FcmResponse answer;
            try {
                answer = answer(received);
            } catch (RuntimeException e) {
                answer = FcmResponse.invalidMessage("Invalid JSON payload received.");
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
            answer.headers().forEach((name, value) -> response.headers().set(name, value));
            HttpUtil.setContentLength(response, response.content().readableBytes());
            context.writeAndFlush(response);
        }
    }
}
