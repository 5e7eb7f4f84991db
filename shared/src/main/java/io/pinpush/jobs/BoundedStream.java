package io.pinpush.jobs;

import java.io.IOException;
import java.io.InputStream;

/** At most {@code limit} bytes of a stream (one piece of a file, or of an uncompressed gzip object). */
final class BoundedStream extends InputStream {

    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long limit) {
        this.in = in;
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) return -1;
        int b = in.read();
        if (b >= 0) left--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) return -1;
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) left -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
