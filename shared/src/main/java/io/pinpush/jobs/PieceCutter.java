package io.pinpush.jobs;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts an object into pieces of at most {@code rowsPerPiece} records by one streaming pass over its bytes: records
 * end at a line feed outside double quotes (CSV) or at any line feed (JSON lines). Nothing but the CSV header is
 * kept, so an object of any size is cut in constant memory, and every piece can be read on its own with a ranged GET.
 */
final class PieceCutter {

    private static final int BUFFER = 1 << 16;

    private PieceCutter() {
    }

    /** A piece without its index (assigned across all objects of the job). */
    record Cut(long start, long end, long firstRow, List<String> header) {
    }

    static void cut(InputStream raw, Format format, int rowsPerPiece, Consumer<Cut> pieces) throws IOException {
        InputStream in = new BufferedInputStream(raw, BUFFER);
        byte[] buffer = new byte[BUFFER];
        boolean csv = format == Format.CSV;
        boolean inQuotes = false;
        boolean content = false;
        long position = 0;
        long row = 1;
        long pieceStart = 0;
        long pieceFirstRow = 1;
        int rowsInPiece = 0;
        List<String> header = null;
        ByteArrayOutputStream headerBytes = csv ? new ByteArrayOutputStream() : null;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                position++;
                if (csv && header == null) headerBytes.write(b);
                if (csv && b == '"') {
                    inQuotes = !inQuotes;
                }
                if (b != '\n' || inQuotes) {
                    if (b != '\r' && b != ' ' && b != '\t') content = true;
                    continue;
                }
                // A record ends at position.
                if (csv && header == null) {
                    if (content) {
                        header = parseHeader(headerBytes);
                        pieceStart = position;
                        pieceFirstRow = row + 1;
                    }
                } else if (++rowsInPiece == rowsPerPiece) {
                    pieces.accept(new Cut(pieceStart, position, pieceFirstRow, header));
                    pieceStart = position;
                    pieceFirstRow = row + 1;
                    rowsInPiece = 0;
                }
                row++;
                content = false;
            }
        }
        if (csv && header == null) {
            if (content) parseHeader(headerBytes); // a header with no rows: nothing to import, but it must parse
            return;
        }
        if (content) rowsInPiece++;
        if (rowsInPiece > 0) {
            pieces.accept(new Cut(pieceStart, position, pieceFirstRow, header));
        }
    }

    private static List<String> parseHeader(ByteArrayOutputStream bytes) throws IOException {
        String text = CsvRecords.withoutByteOrderMark(bytes.toString(StandardCharsets.UTF_8));
        List<String> header = new CsvRecords(new StringReader(text)).next();
        return header.stream().map(String::trim).toList();
    }
}
