package io.pinpush.local;

import com.sun.net.httpserver.HttpServer;
import io.pinpush.config.DaemonThreads;
import io.pinpush.Pinpush;
import io.pinpush.access.AccessKeyShapes.AccessKeyResponse;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.functions.ApiHandler;
import io.pinpush.functions.CampaignRunnerHandler;
import io.pinpush.functions.CampaignTickHandler;
import io.pinpush.functions.DeadLetterHandler;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.functions.JobRunnerHandler;
import io.pinpush.functions.SendHandler;
import io.pinpush.functions.TriggerHandler;
import io.pinpush.secrets.SecretStore;
import io.pinpush.store.TableCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole of Pinpush on a laptop, with no AWS account: real HTTP into the production Lambda handlers,
 * DynamoDB Local and an SQS-compatible queue (ElasticMQ) in-process, the dispatcher draining the queue as Lambda's
 * event source would, channel credentials in a private folder.
 */
public final class LocalServer implements AutoCloseable {

    /**
     * Dispatcher threads polling the delivery queue, like concurrent Lambda pollers: Lambda's SQS event source starts
     * with five batches at a time, so a send of 100 deliveries is not left waiting behind two busy pollers.
     */
    private static final int DISPATCHER_POLLERS = 5;
    /**
     * Job runner threads polling the job queue, like concurrent job runner invocations: one message each, as the
     * stack's mapping (BatchSize 1), so no piece waits behind another past its visibility timeout.
     */
    private static final int JOB_POLLERS = 4;
    /**
     * Campaign runner threads polling the campaign work queue, like concurrent Lambda pollers: one work item each,
     * as the stack's mapping (BatchSize 1), so no item waits behind a slow one past its visibility timeout and is
     * run twice (its claims would make the second run send nothing, but it is wasted work).
     */
    private static final int CAMPAIGN_RUNNER_POLLERS = 2;

    private final EmbeddedDynamoDb dynamoDb;
    private final EmbeddedSqs sqs;
    private final Pinpush pinpush;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final LocalDispatcher dispatcher;
    private final Optional<LocalDispatcher> deadLetters;
    private final Optional<LocalDispatcher> jobRunner;
    private final Optional<LocalTriggers> triggers;
    private final Optional<LocalDispatcher> campaignRunner;
    private final Optional<LocalCampaignTick> campaignTick;
    private final Path temporaryFolder;
    private final Optional<AccessKeyResponse> bootstrapKey;

    private LocalServer(EmbeddedDynamoDb dynamoDb, EmbeddedSqs sqs, Pinpush pinpush, HttpServer http,
                        ExecutorService httpThreads, LocalDispatcher dispatcher, Optional<LocalDispatcher> deadLetters,
                        Optional<LocalDispatcher> jobRunner,
                        Optional<LocalTriggers> triggers, Optional<LocalDispatcher> campaignRunner,
                        Optional<LocalCampaignTick> campaignTick, Path temporaryFolder,
                        Optional<AccessKeyResponse> bootstrapKey) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.pinpush = pinpush;
        this.http = http;
        this.httpThreads = httpThreads;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.jobRunner = jobRunner;
        this.triggers = triggers;
        this.campaignRunner = campaignRunner;
        this.campaignTick = campaignTick;
        this.temporaryFolder = temporaryFolder;
        this.bootstrapKey = bootstrapKey;
    }

    public static LocalServer start(LocalOptions options) {
        Path temporaryFolder = null;
        EmbeddedDynamoDb dynamoDb = null;
        EmbeddedSqs sqs = null;
        try {
            Path dataDir = options.dataDir().toAbsolutePath();
            if (options.inMemory()) {
                temporaryFolder = Files.createTempDirectory("pinpush-local");
                dataDir = temporaryFolder;
            }
            dynamoDb = EmbeddedDynamoDb.start(options.inMemory() ? null : dataDir.resolve("dynamodb"));
            boolean ownQueue = !options.settings().containsKey("PINPUSH_DELIVERY_QUEUE_URL");
            if (ownQueue) {
                sqs = EmbeddedSqs.start("us-east-1");
            }

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("AWS_REGION", "us-east-1");
            settings.put("PINPUSH_ACCOUNT_ID", "000000000000");
            settings.put("PINPUSH_LOCAL_CREDENTIALS", "true");
            settings.put("PINPUSH_ENDPOINT_DYNAMODB", dynamoDb.endpoint().toString());
            settings.put("PINPUSH_SECRET_STORE", "file:" + dataDir.resolve("secrets"));
            settings.putAll(LocalEvents.defaults(dataDir, options.settings()));
            if (ownQueue) {
                settings.put("PINPUSH_ENDPOINT_SQS", sqs.endpoint().toString());
                settings.put("PINPUSH_DELIVERY_QUEUE_URL", sqs.queueUrl(LocalQueues.DELIVERY_QUEUE));
                settings.put("PINPUSH_POISON_QUEUE_URL", sqs.queueUrl(LocalQueues.POISON_QUEUE));
                settings.put("PINPUSH_JOB_QUEUE_URL", sqs.queueUrl(LocalQueues.JOB_QUEUE));
                settings.put("PINPUSH_CAMPAIGN_QUEUE_URL", sqs.queueUrl(LocalQueues.CAMPAIGN_QUEUE));
            }
            // Laptop extension: import from and export to file:// paths (see README "Import and export jobs").
            settings.put("PINPUSH_JOBS_ALLOW_FILE_URLS", "true");
            settings.putAll(options.settings());
            PinpushConfig config = new PinpushConfig(settings);
            AwsClients aws = new AwsClients(config);
            Pinpush pinpush = new Pinpush(config, aws, SecretStore.from(config, aws), Clock.systemUTC());
            new TableCreator(aws.dynamoDb(), config).createAll();
            Optional<AccessKeyResponse> bootstrapKey = bootstrapKey(pinpush);
            LocalEvents.createStreamIfMissing(config, aws);
            if (ownQueue) {
                // Above the dispatcher's own attempt limit: only poison and repeatedly crashing messages get there.
                LocalQueues.create(aws.sqs(), config.maxDeliveryAttempts() + 2);
                LocalQueues.createJobQueue(aws.sqs(), io.pinpush.jobs.JobRunner.PIECE_ATTEMPTS + 1);
                LocalQueues.createCampaignQueue(aws.sqs());
            }

            HttpServer http = LoopbackHttpServer.create(new InetSocketAddress("localhost", options.port()), 256);
            ExecutorService threads = DaemonThreads.pool(64, "pinpush-http");
            http.setExecutor(threads);
            http.createContext("/", new HttpBridge(new ApiHandler(pinpush.apiRouter(), pinpush::flushAfterInvocation)));
            http.createContext(LambdaInvokeBridge.PATH,
                    new LambdaInvokeBridge(config.sendFunctionName(), new SendHandler(pinpush), threads));
            http.createContext("/health", exchange -> {
                byte[] ok = "{\"status\":\"ok\"}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            LocalDispatcher dispatcher = LocalDispatcher.start(aws.sqs(), config.deliveryQueueUrl(), config.region(),
                    new DispatcherHandler(pinpush), DISPATCHER_POLLERS);
            // The dead-letter function's event source, on the dead-letter queue of the server's own delivery queue.
            Optional<LocalDispatcher> deadLetters = Optional.ofNullable(sqs).map(own -> LocalDispatcher.start(aws.sqs(),
                    own.queueUrl(LocalQueues.DEAD_LETTER_QUEUE), config.region(), new DeadLetterHandler(pinpush), 1,
                    10, "pinpush-dead-letters"));
            // The job runner function's SQS event source, when there is a job queue.
            Optional<LocalDispatcher> jobRunner = config.get("PINPUSH_JOB_QUEUE_URL").map(url -> LocalDispatcher.start(
                    aws.sqs(), url, config.region(), new JobRunnerHandler(pinpush), JOB_POLLERS, 1, "pinpush-jobs"));
            // The trigger function's Kinesis event source, reading the events this server publishes.
            Optional<LocalTriggers> triggers = LocalTriggers.start(config, aws, new TriggerHandler(pinpush));
            // The campaign runner drains the campaign work queue; the tick starts due runs, as the schedule does in AWS.
            // Without a campaign work queue (a queue URL given from outside, none for campaigns) nothing runs campaigns.
            Optional<LocalDispatcher> campaignRunner = config.get("PINPUSH_CAMPAIGN_QUEUE_URL").map(url ->
                    LocalDispatcher.start(aws.sqs(), url, config.region(), new CampaignRunnerHandler(pinpush),
                            CAMPAIGN_RUNNER_POLLERS, 1, "pinpush-campaign-runner"));
            // PT0S turns the in-process tick off (tests that start runs by calling the tick themselves).
            Duration tickInterval = config.getDuration("PINPUSH_LOCAL_CAMPAIGN_TICK", LocalCampaignTick.DEFAULT_INTERVAL);
            Optional<LocalCampaignTick> campaignTick = campaignRunner.filter(runner -> !tickInterval.isZero())
                    .map(runner -> LocalCampaignTick.start(new CampaignTickHandler(pinpush), tickInterval));
            http.start();
            return new LocalServer(dynamoDb, sqs, pinpush, http, threads, dispatcher, deadLetters, jobRunner, triggers,
                    campaignRunner, campaignTick, temporaryFolder, bootstrapKey);
        } catch (IOException e) {
            if (sqs != null) sqs.close();
            if (dynamoDb != null) dynamoDb.close();
            throw new UncheckedIOException("The local server did not start", e);
        }
    }

    /**
     * With keys enforced and no key issued yet (a new data folder), an ADMIN key is created at start so someone can
     * sign the first request; its secret is printed once, like any key's.
     */
    private static Optional<AccessKeyResponse> bootstrapKey(Pinpush pinpush) {
        if (!pinpush.accessControl().keysEnforced() || !pinpush.accessControl().keys().list().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pinpush.accessControl().keys().createAdmin("Bootstrap admin key (local server)"));
    }

    /** The ADMIN key this start created (keys enforced, none existed), with its secret. */
    public Optional<AccessKeyResponse> bootstrapKey() {
        return bootstrapKey;
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + http.getAddress().getPort());
    }

    public Pinpush pinpush() {
        return pinpush;
    }

    /**
     * Stops accepting requests, lets those in flight finish, stops the dispatcher after its current batch, then
     * closes storage so nothing written is lost. Deliveries still queued are lost with the in-memory queue.
     */
    @Override
    public void close() {
        http.stop(1);
        httpThreads.shutdown();
        try {
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        campaignTick.ifPresent(LocalCampaignTick::close);
        campaignRunner.ifPresent(LocalDispatcher::close);
        dispatcher.close();
        deadLetters.ifPresent(LocalDispatcher::close);
        jobRunner.ifPresent(LocalDispatcher::close);
        triggers.ifPresent(LocalTriggers::close);
        pinpush.close();
        if (sqs != null) {
            sqs.close();
        }
        dynamoDb.close();
        if (temporaryFolder != null) {
            deleteRecursively(temporaryFolder);
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary folder is harmless.
        }
    }

    public static void main(String[] args) {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalServer server = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pinpush-shutdown"));
        URI url = server.endpoint();
        System.out.println("Pinpush is listening on " + url
                + (options.inMemory() ? " (in memory)" : " (data in " + options.dataDir().toAbsolutePath() + ")"));
        System.out.println(LocalEvents.describe(server.pinpush().config()));
        if (server.pinpush().accessControl().keysEnforced()) {
            String id = server.bootstrapKey().map(AccessKeyResponse::accessKeyId).orElse("<your key id>");
            String secret = server.bootstrapKey().map(AccessKeyResponse::secretAccessKey).orElse("<its secret>");
            System.out.println(server.bootstrapKey().isPresent()
                    ? "Access keys are enforced. Bootstrap ADMIN key (the secret is shown only now):\n"
                    + "  AccessKeyId     " + id + "\n  SecretAccessKey " + secret
                    : "Access keys are enforced; sign with a key issued earlier (bin/pinpush-keys manages them).");
            System.out.println("Try: AWS_ACCESS_KEY_ID=" + id + " AWS_SECRET_ACCESS_KEY=" + secret
                    + " aws pinpoint get-apps --region " + server.pinpush().config().region() + " --endpoint-url " + url);
        } else {
            System.out.println("Try: AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws pinpoint get-apps"
                    + " --region us-east-1 --endpoint-url " + url);
        }
    }
}
