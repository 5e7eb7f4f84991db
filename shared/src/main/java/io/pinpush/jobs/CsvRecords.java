package io.pinpush.jobs;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from a reader: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes; records end with CRLF or LF (the last may end without one). Lenient where the RFC is silent in
 * the way spreadsheets are: a quote inside an unquoted field is taken literally.
 */
final class CsvRecords {

    /** A record that cannot be read (an unterminated quoted field). */
    static final class MalformedRecord extends RuntimeException {
        MalformedRecord(String message) {
            super(message);
        }
    }

    private final Reader in;
    private int pending = -2;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** {@code text} without the byte-order mark that opens some UTF-8 files (CSV headers and JSON lines alike). */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The next record's fields, or null at the end. A blank line is a record with one empty field. */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) return null;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c == -1) throw new MalformedRecord("a quoted field is not closed before the end of the file");
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == -1 || c == '\n') {
                fields.add(field.toString());
                return fields;
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n') unread(after);
                fields.add(field.toString());
                return fields;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                c = read();
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            fieldStart = false;
            c = read();
        }
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pending = c;
    }

    static boolean isBlank(List<String> record) {
        return record.size() == 1 && record.get(0).isBlank();
    }
}
