package webmodels.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds many long-lived keep-alive connections open to a server while other clients measure it:
 * the seed's "tens of thousands of long-lived connections". Each connection sends one request and
 * reads its answer, then stays idle. No thread per connection: one selector waits for them all.
 *
 * <p>Nothing is hidden: connections that could not be opened, requests that got no answer in
 * time, and connections the server has closed since are each counted.
 */
public final class IdleConnections implements AutoCloseable {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: webmodels\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);

    private final List<SocketChannel> channels = new ArrayList<>();
    private final Selector selector;
    private int failedToOpen;
    private int answered;
    private int unanswered;

    private IdleConnections() throws IOException {
        selector = Selector.open();
    }

    /**
     * Opens {@code count} connections, sends one request on each, and waits for the answers,
     * taking at most {@code timeout} for all of it. Returns once all are answered or the time is up.
     */
    public static IdleConnections open(InetSocketAddress server, int count, Duration timeout) throws IOException {
        IdleConnections idle = new IdleConnections();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            idle.connectAll(server, count, deadline);
            idle.awaitAnswers(deadline);
        } catch (IOException | RuntimeException e) {
            idle.close();
            throw e;
        }
        return idle;
    }

    private void connectAll(InetSocketAddress server, int count, long deadline) throws IOException {
        for (int i = 0; i < count; i++) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                failedToOpen += count - i; // out of time: a full backlog can stall each connect for seconds
                return;
            }
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.socket().connect(server, (int) Math.min(remainingMillis, 2_000));
                channel.write(ByteBuffer.wrap(REQUEST));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, new Answer());
                channels.add(channel);
            } catch (IOException e) {
                // Refused, reset, or out of descriptors: counted, and the rest are still tried.
                failedToOpen++;
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** The bytes of one answer read so far. */
    private static final class Answer {
        final ByteBuffer bytes = ByteBuffer.allocate(256);
        boolean complete;
    }

    private void awaitAnswers(long deadline) throws IOException {
        int pending = channels.size();
        boolean outOfTime = false;
        while (pending > 0 && !outOfTime) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            outOfTime = remainingMillis <= 0;
            if (outOfTime) {
                // Connecting may have used up the time while answers arrived: read what is there, once.
                selector.selectNow();
            } else {
                selector.select(remainingMillis);
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Answer answer = (Answer) key.attachment();
                int n = readSome((SocketChannel) key.channel(), answer.bytes);
                boolean ended = n < 0 || !answer.bytes.hasRemaining();
                if (isCompleteResponse(answer.bytes) || ended) {
                    answer.complete = true;
                    key.interestOps(0);
                    pending--;
                    if (startsWithOk(answer.bytes)) {
                        answered++;
                    } else {
                        unanswered++; // an error status or a close instead of an answer
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        unanswered += pending;
    }

    private static int readSome(SocketChannel channel, ByteBuffer into) {
        try {
            return channel.read(into);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The Hello World answer is a head and 11 bytes; a head's blank line plus the body is enough here. */
    private static boolean isCompleteResponse(ByteBuffer bytes) {
        String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII);
        int headEnd = text.indexOf("\r\n\r\n");
        return headEnd >= 0 && text.length() >= headEnd + 4 + "Hello World".length();
    }

    private static boolean startsWithOk(ByteBuffer bytes) {
        if (bytes.position() < OK.length) {
            return false;
        }
        for (int i = 0; i < OK.length; i++) {
            if (bytes.get(i) != OK[i]) {
                return false;
            }
        }
        return true;
    }

    /** Connections that could not be opened at all. */
    public int failedToOpen() {
        return failedToOpen;
    }

    /** Connections whose request was answered with 200. */
    public int answered() {
        return answered;
    }

    /** Connections whose request got an error, a close, or no answer in time. */
    public int unanswered() {
        return unanswered;
    }

    /** Connections still open now: those the server has not closed. Reads and discards anything pending. */
    public int stillOpen() {
        int open = 0;
        ByteBuffer scratch = ByteBuffer.allocate(512);
        for (SocketChannel channel : channels) {
            if (!channel.isOpen()) {
                continue;
            }
            int n;
            do {
                n = readSome(channel, scratch.clear());
            } while (n > 0);
            if (n == 0) {
                open++;
            }
        }
        return open;
    }

    @Override
    public void close() {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing for cleanup: nothing more to do with it
            }
        }
        channels.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // closing for cleanup
        }
    }
}
