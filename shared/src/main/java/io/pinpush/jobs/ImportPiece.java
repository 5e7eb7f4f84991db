package io.pinpush.jobs;

import java.util.List;

/**
 * One piece of an import: the bytes {@code [start, end)} of one object, holding whole records, the first of them
 * record {@code firstRow} of the object (1 = the first line). {@code header} is the CSV header, null for JSON.
 * For a gzip object ({@code .gz}, such as an export's files) the offsets count uncompressed bytes and
 * {@code objectSize} is the compressed size: the piece reads the object from its start and skips to {@code start}.
 */
record ImportPiece(int index, String object, long objectSize, long start, long end, long firstRow, List<String> header) {

    static boolean isGzip(String object) {
        return object.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }
}
