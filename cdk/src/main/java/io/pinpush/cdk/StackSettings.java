package io.pinpush.cdk;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a deployment may change, read from CDK context ({@code -c name=value} or {@code cdk.json}).
 * Defaults suit a production stage; each is listed in the README's Deployment section.
 *
 * @param stage                name of this deployment; part of every physical name, so stages share an account safely
 * @param throwaway            data is deleted with the stack (no deletion protection, no RETAIN): for test stages only
 * @param replicaRegions       regions where the home stack's tables get replicas (global tables, active-active)
 * @param globalTableHome      set in a replica region's stack: the tables belong to the stack in that region
 * @param functionsJar         the Lambda code asset, the functions module's shaded jar
 * @param authMode             {@code iam}: every route behind API Gateway's IAM authorization (execute-api);
 *                             {@code keys}: Pinpoint routes open at API Gateway and verified in the handler (SigV4 for
 *                             mobiletargeting with Pinpush access keys), the access-key routes still IAM
 * @param hookFunctionArns     the customers' Lambda functions that campaign hooks and custom channels name
 *                             (context {@code hookFunctionArns}, comma-separated): the only functions Pinpush may invoke
 * @param dispatcherJit        {@code c1}: the dispatcher compiles with C1 only, Lambda's default for Java (quickest start);
 *                             {@code c2}: full tiered compilation, about 30 % less CPU per delivery once warm, at about
 *                             1 s more CPU in each new instance (README, Benchmarks (5))
 */
public record StackSettings(
        String stage,
        Optional<String> account,
        Optional<String> region,
        int apiMemoryMb,
        int sendMemoryMb,
        int dispatcherMemoryMb,
        int apiTimeoutSeconds,
        int dispatcherTimeoutSeconds,
        int dispatcherMaxConcurrency,
        int dispatcherBatchSize,
        int dispatcherBatchWindowSeconds,
        int maxReceiveCount,
        int queueRetentionDays,
        int streamRetentionHours,
        int logRetentionDays,
        int throttleRateLimit,
        int throttleBurstLimit,
        double permanentFailureRatePercent,
        int queueAgeAlarmSeconds,
        Optional<String> alarmEmail,
        boolean throwaway,
        List<String> replicaRegions,
        Optional<String> globalTableHome,
        Path functionsJar,
        String authMode,
        List<String> hookFunctionArns,
        String dispatcherJit) {

    public static final String DEFAULT_FUNCTIONS_JAR = "functions/target/pinpush-functions-0.1.0-SNAPSHOT-lambda.jar";

    public StackSettings {
        if (!stage.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException("Context 'stage' must be 1-20 lower-case letters, digits or '-', "
                    + "starting with a letter; got '" + stage + "'");
        }
        replicaRegions = List.copyOf(replicaRegions);
        if (!authMode.equals("iam") && !authMode.equals("keys")) {
            throw new IllegalArgumentException("Context 'authMode' must be iam or keys; got '" + authMode + "'");
        }
        if (!dispatcherJit.equals("c1") && !dispatcherJit.equals("c2")) {
            throw new IllegalArgumentException("Context 'dispatcherJit' must be c1 or c2; got '" + dispatcherJit + "'");
        }
        hookFunctionArns = List.copyOf(hookFunctionArns);
        for (String arn : hookFunctionArns) {
            if (!arn.matches("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?")) {
                throw new IllegalArgumentException("Context 'hookFunctionArns' must list Lambda function ARNs; got '"
                        + arn + "'");
            }
        }
        // Lambda polls SQS in batches of at most 10 unless a batching window is set (then up to 10,000).
        requireRange("dispatcherBatchSize", dispatcherBatchSize, 1, dispatcherBatchWindowSeconds > 0 ? 10_000 : 10);
        requireRange("dispatcherBatchWindowSeconds", dispatcherBatchWindowSeconds, 0, 300);
        requireRange("dispatcherMaxConcurrency", dispatcherMaxConcurrency, 2, 1000);
        // API Gateway gives up on an integration after 30 seconds.
        requireRange("apiTimeoutSeconds", apiTimeoutSeconds, 1, 29);
        // SQS caps the visibility timeout at 12 hours and the stack sets it to six times this.
        requireRange("dispatcherTimeoutSeconds", dispatcherTimeoutSeconds, 1, 900);
        requireRange("maxReceiveCount", maxReceiveCount, 1, 1000);
        requireRange("queueRetentionDays", queueRetentionDays, 1, 14);
        requireRange("streamRetentionHours", streamRetentionHours, 24, 8760);
        PinpushFunctions.Retention.days(logRetentionDays);
        requireRange("apiMemoryMb", apiMemoryMb, 128, 10_240);
        requireRange("sendMemoryMb", sendMemoryMb, 128, 10_240);
        requireRange("dispatcherMemoryMb", dispatcherMemoryMb, 128, 10_240);
        if (!replicaRegions.isEmpty() && globalTableHome.isPresent()) {
            throw new IllegalArgumentException("Set 'replicaRegions' on the home region's stack or 'globalTableHome' "
                    + "on a replica region's stack, not both");
        }
        if (!replicaRegions.isEmpty() && region.isEmpty()) {
            throw new IllegalArgumentException("'replicaRegions' needs the stack's own region: pass -c region=... "
                    + "or set CDK_DEFAULT_REGION (cdk does when AWS credentials name a region)");
        }
    }

    /** The settings named by context, each missing one at its default. */
    public static StackSettings from(Function<String, Object> context) {
        Reader read = new Reader(context);
        return new StackSettings(
                read.string("stage").orElse("prod"),
                read.string("account").or(() -> env("CDK_DEFAULT_ACCOUNT")),
                read.string("region").or(() -> env("CDK_DEFAULT_REGION")),
                read.integer("apiMemoryMb", 1024),
                read.integer("sendMemoryMb", 1024),
                read.integer("dispatcherMemoryMb", 1024),
                read.integer("apiTimeoutSeconds", 29),
                read.integer("dispatcherTimeoutSeconds", 60),
                read.integer("dispatcherMaxConcurrency", 20),
                read.integer("dispatcherBatchSize", 10),
                read.integer("dispatcherBatchWindowSeconds", 1),
                read.integer("maxReceiveCount", 5),
                read.integer("queueRetentionDays", 4),
                read.integer("streamRetentionHours", 24),
                read.integer("logRetentionDays", 30),
                read.integer("throttleRateLimit", 1000),
                read.integer("throttleBurstLimit", 2000),
                read.decimal("permanentFailureRatePercent", 5.0),
                read.integer("queueAgeAlarmSeconds", 300),
                read.string("alarmEmail"),
                read.bool("throwaway"),
                read.string("replicaRegions").map(StackSettings::regions).orElse(List.of()),
                read.string("globalTableHome"),
                Path.of(read.string("functionsJar").orElse(DEFAULT_FUNCTIONS_JAR)),
                read.string("authMode").orElse("iam"),
                read.string("hookFunctionArns").map(StackSettings::regions).orElse(List.of()),
                read.string("dispatcherJit").orElse("c1"));
    }

    /** Whether clients sign with Pinpush access keys (the drop-in mode) rather than IAM credentials. */
    public boolean accessKeys() {
        return authMode.equals("keys");
    }

    /** The secret the deployment's first admin key goes into (keys mode); under the prefix the functions may manage. */
    public String bootstrapKeySecretName() {
        return secretPrefix() + "access-keys/bootstrap";
    }

    /** Physical names of this stage's resources start with this. */
    public String prefix() {
        return "pinpush-" + stage;
    }

    /** Every channel secret this stage creates starts with this; its IAM grants go no further. */
    public String secretPrefix() {
        return "pinpush/" + stage + "/";
    }

    /** Where the tables come from: this stack (home) or the home region's stack (replica region). */
    public boolean ownsTables() {
        return globalTableHome.isEmpty() || globalTableHome.equals(region);
    }

    private static List<String> regions(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Context '" + name + "' must be between " + min + " and " + max
                    + "; got " + value);
        }
    }

    /** Context values arrive as strings from {@code -c} and as JSON values from {@code cdk.json}. */
    private record Reader(Function<String, Object> context) {
        Optional<String> string(String name) {
            return Optional.ofNullable(context.apply(name)).map(Object::toString).map(String::trim)
                    .filter(v -> !v.isEmpty());
        }

        int integer(String name, int defaultValue) {
            return string(name).map(v -> {
                try {
                    return new java.math.BigDecimal(v).intValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("Context '" + name + "' must be a whole number; got '" + v + "'");
                }
            }).orElse(defaultValue);
        }

        double decimal(String name, double defaultValue) {
            return string(name).map(v -> {
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Context '" + name + "' must be a number; got '" + v + "'");
                }
            }).orElse(defaultValue);
        }

        boolean bool(String name) {
            return string(name).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("Context '" + name + "' must be true or false; got '" + v + "'");
            }).orElse(false);
        }
    }
}
