package io.pinpush.jobs;

import java.util.List;

/**
 * One piece of an import: the bytes {@code [start, end)} of one object, holding whole records, the first of them
 * record {@code firstRow} of the object (1 = the first line). {@code header} is the CSV header, null for JSON.
 */
record ImportPiece(int index, String object, long start, long end, long firstRow, List<String> header) {
}
