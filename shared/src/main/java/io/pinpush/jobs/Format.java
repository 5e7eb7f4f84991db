package io.pinpush.jobs;

/** The format of an import's files: RFC 4180 CSV with dotted headers, or newline-delimited JSON. */
public enum Format {
    CSV, JSON;

    /** Objects under a prefix are read only when their name ends with this (case-insensitive). */
    String extension() {
        return this == CSV ? ".csv" : ".json";
    }
}
