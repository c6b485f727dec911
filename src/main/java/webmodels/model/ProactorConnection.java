package webmodels.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.TimeUnit;
import webmodels.http.HttpSession;
import webmodels.http.OutBuffer;

/**
 * One connection of {@link ProactorServer}: a chain of asynchronous reads and writes, each
 * started by the completion of the one before, so at most one operation is pending and its
 * state needs no locking of its own (the channel's locking orders each completion after the
 * code that started the operation, whichever pool thread runs it).
 *
 * <pre>
 *   read(deadline) --n bytes--> session.process --responses--> write(deadline) --rest--> write ...
 *      ^     |  \--EOF or error--> close                          |  all written
 *      |     '--timed out--> 408 if mid-request, then close       v
 *      '------------------------------------------------ keep-alive | close (FIN first after bad input)
 * </pre>
 *
 * The request deadline has {@link EventLoop}'s meaning: it restarts with every response, and only then,
 * and each read or write is given what is left of it as its timeout.
 */
final class ProactorConnection {

    private final AsynchronousSocketChannel channel;
    private final HttpSession session;
    private final ByteBuffer in;
    private final OutBuffer out = new OutBuffer(512);
    private final long timeoutNanos;
    private long deadline;
    private ByteBuffer unwritten; // what the pending write has yet to send: a view of out
    private boolean closeWhenWritten;

    private final CompletionHandler<Integer, Void> onRead = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, Void unused) {
            try {
                onRead(n);
            } catch (RuntimeException e) {
                close(); // a bug in serving this one connection: close it and serve the others
            }
        }

        @Override
        public void failed(Throwable failure, Void unused) {
            if (!(failure instanceof InterruptedByTimeoutException)) {
                close(); // reset, or closed by the server's shutdown
                return;
            }
            try {
                onTimeout();
            } catch (RuntimeException e) {
                close();
            }
        }
    };

    private final CompletionHandler<Integer, Void> onWrite = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, Void unused) {
            try {
                onWritten();
            } catch (RuntimeException e) {
                close();
            }
        }

        @Override
        public void failed(Throwable failure, Void unused) {
            close(); // reset, or timed out: the client does not read its responses
        }
    };

    ProactorConnection(AsynchronousSocketChannel channel, ServerConfig config, int readBufferSize) {
        this.channel = channel;
        this.session = new HttpSession(config.handler(), config.limits(), false);
        this.in = ByteBuffer.allocate(readBufferSize);
        this.timeoutNanos = config.limits().requestTimeout().toNanos();
    }

    void start() {
        deadline = System.nanoTime() + timeoutNanos;
        read();
    }

    private void read() {
        in.clear();
        channel.read(in, timeLeft(), TimeUnit.NANOSECONDS, null, onRead);
    }

    private void onRead(int n) {
        if (n < 0) {
            close();
            return;
        }
        in.flip();
        boolean close = session.process(in, out);
        if (!out.isEmpty()) { // the deadline restarts with every response, and only then
            deadline = System.nanoTime() + timeoutNanos;
        }
        if (!out.isEmpty()) {
            closeWhenWritten = close;
            write();
        } else if (close) {
            close();
        } else {
            read();
        }
    }

    private void write() {
        unwritten = out.flip();
        channel.write(unwritten, timeLeft(), TimeUnit.NANOSECONDS, null, onWrite);
    }

    /** A write may complete partly: write the rest, then go on reading, or close. */
    private void onWritten() {
        if (unwritten.hasRemaining()) {
            channel.write(unwritten, timeLeft(), TimeUnit.NANOSECONDS, null, onWrite);
            return;
        }
        out.clear();
        if (closeWhenWritten) {
            closeAfterResponse();
        } else {
            read();
        }
    }

    /** The deadline passed while reading: 408 to a half-sent request, then close. */
    private void onTimeout() {
        session.onTimeout(out);
        if (out.isEmpty()) {
            close();
            return;
        }
        closeWhenWritten = true;
        deadline = System.nanoTime() + timeoutNanos; // one more timeout to send the 408, then close regardless
        write();
    }

    private void closeAfterResponse() {
        if (session.failed()) {
            // Bad input: the client may still be sending. Send FIN after the error before closing,
            // so that the client reads the error rather than only a reset.
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                // closing anyway
            }
        }
        close();
    }

    /** What is left of the deadline, at least a nanosecond: a zero or negative timeout would mean none at all. */
    private long timeLeft() {
        return Math.max(1, deadline - System.nanoTime());
    }

    private void close() {
        Closing.quietly(channel);
    }
}
