package io.pinpush.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local server's command line: {@code --port N} (default {@value #DEFAULT_PORT}), {@code --data-dir DIR}
 * (default {@code ./pinpush-data}), {@code --in-memory}, {@code --secrets-endpoint URL} (a Secrets Manager
 * compatible endpoint such as moto_server instead of the secret folder), {@code --enforce-keys} (requests must be
 * signed with Pinpush access keys: {@code PINPUSH_AUTH_MODE=keys}), and {@code --set NAME=VALUE} for any Pinpush
 * setting.
 */
public record LocalOptions(int port, Path dataDir, boolean inMemory, Map<String, String> settings) {

    public static final int DEFAULT_PORT = 8787;

    public LocalOptions {
        settings = Map.copyOf(settings);
    }

    public static LocalOptions defaults() {
        return new LocalOptions(DEFAULT_PORT, Path.of("pinpush-data"), false, Map.of());
    }

    public LocalOptions withPort(int newPort) {
        return new LocalOptions(newPort, dataDir, inMemory, settings);
    }

    public LocalOptions inMemoryStorage() {
        return new LocalOptions(port, dataDir, true, settings);
    }

    public LocalOptions with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(name, value);
        return new LocalOptions(port, dataDir, inMemory, more);
    }

    public static LocalOptions parse(String[] args) {
        LocalOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, arg)));
                case "--data-dir" -> options = new LocalOptions(options.port, Path.of(value(args, ++i, arg)),
                        options.inMemory, options.settings);
                case "--in-memory" -> options = options.inMemoryStorage();
                case "--enforce-keys" -> options = options.with("PINPUSH_AUTH_MODE", "keys");
                case "--secrets-endpoint" -> options = options
                        .with("PINPUSH_SECRET_STORE", "secretsmanager")
                        .with("PINPUSH_ENDPOINT_SECRETSMANAGER", value(args, ++i, arg));
                case "--set" -> {
                    String setting = value(args, ++i, arg);
                    int eq = setting.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set takes NAME=VALUE, got " + setting);
                    }
                    options = options.with(setting.substring(0, eq), setting.substring(eq + 1));
                }
                case "--help", "-h" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + usage());
            }
        }
        return options;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return args[index];
    }

    static String usage() {
        return """
                usage: bin/pinpush-local [--port N] [--data-dir DIR | --in-memory] [--secrets-endpoint URL] [--enforce-keys]
                                         [--set NAME=VALUE]
                  --port N               HTTP port (default %d)
                  --data-dir DIR         where data persists across restarts (default ./pinpush-data)
                  --in-memory            keep nothing after exit
                  --secrets-endpoint URL keep channel credentials in a Secrets Manager endpoint (e.g. moto_server)
                  --enforce-keys         require SigV4 signatures made with Pinpush access keys (prints an admin key
                                         on the first start; manage keys with bin/pinpush-keys)
                  --set NAME=VALUE       any Pinpush setting (see README, "Configuration")""".formatted(DEFAULT_PORT);
    }
}
