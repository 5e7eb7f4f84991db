package io.pinpush.jobs;

/** The format of an import's files: RFC 4180 CSV with dotted headers, or newline-delimited JSON. */
public enum Format {
    CSV, JSON;

    /** Objects under a prefix are read only when their name ends with this (case-insensitive), or with it and .gz. */
    String extension() {
        return this == CSV ? ".csv" : ".json";
    }

    boolean matches(String key) {
        String name = key.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(extension()) || name.endsWith(extension() + ".gz");
    }
}
