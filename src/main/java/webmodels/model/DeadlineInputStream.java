package webmodels.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pipe's input with a socket's read timeout: a read that finds nothing by the deadline throws
 * {@link SocketTimeoutException}, the signal {@code BlockingConnection} answers with 408 (or a
 * silent close for an idle connection). A read on a pipe cannot be interrupted, so a daemon thread
 * does the reading and hands the bytes over.
 *
 * <p>The deadline is fixed when the stream is made: a process-per-request child serves one request,
 * so its connection's request timeout never restarts.
 */
final class DeadlineInputStream extends InputStream {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private final long deadline;
    private byte[] chunk = END;
    private int position;
    private boolean ended;

    DeadlineInputStream(InputStream source, Duration timeout) {
        this.deadline = System.nanoTime() + timeout.toNanos();
        Thread reader = new Thread(() -> pump(source), "stdin-reader");
        reader.setDaemon(true); // a reader still blocked must not keep the JVM alive
        reader.start();
    }

    private void pump(InputStream source) {
        byte[] buffer = new byte[8192];
        try {
            try {
                int n;
                while ((n = source.read(buffer)) >= 0) {
                    chunks.put(Arrays.copyOf(buffer, n));
                }
            } catch (IOException e) {
                // the pipe broke: for this child that is the same as its end
            }
            chunks.put(END);
        } catch (InterruptedException e) {
            // nobody interrupts this thread; if something does, the reading is over
        }
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == chunk.length) {
            if (ended) {
                return -1;
            }
            byte[] next = nextChunk();
            if (next == END) {
                ended = true;
                return -1;
            }
            chunk = next;
            position = 0;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, into, offset, n);
        position += n;
        return n;
    }

    /** Bytes that arrived in time are served even after the deadline; waiting for more is not. */
    private byte[] nextChunk() throws IOException {
        try {
            byte[] next = chunks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new SocketTimeoutException("request timeout");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input");
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
}
