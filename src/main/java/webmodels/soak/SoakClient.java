package webmodels.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One kind of client in the soak, run in a loop by its own thread: each {@link #iterate} does one
 * round (a request, a burst, a reset...) and counts what it saw. A round that throws is counted by
 * {@link #fail}: against the good requests still pending, or as an unexpected outcome of a rude
 * client; the client then drops its connection and starts over.
 */
abstract class SoakClient {

    static final byte[] GET = ascii("GET / HTTP/1.1\r\nHost: soak\r\n\r\n");
    static final byte[] HEAD = ascii("HEAD / HTTP/1.1\r\nHost: soak\r\n\r\n");
    static final byte[] GET_CLOSE = ascii("GET / HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n");
    static final byte[] POST = ascii("POST /form HTTP/1.1\r\nHost: soak\r\nContent-Length: 5\r\n\r\nhello");
    static final byte[] CHUNKED_POST = ascii("POST /upload HTTP/1.1\r\nHost: soak\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

    /** A reply that is not what the request should get. */
    static final class WrongReply extends Exception {
        WrongReply(String message) {
            super(message, null, false, false); // an outcome to count, not a bug to trace
        }
    }

    final String name;
    final Duration pace;
    final int port;
    final Duration timeout;
    /** Good requests sent in this round and not yet answered: what a failure of the round costs. */
    int pending;
    /** The connection this client opened last: what it had done goes with a failure, as its detail. */
    private SoakConnection lastConnection;

    SoakClient(String name, Duration pace, int port, Duration timeout) {
        this.name = name;
        this.pace = pace;
        this.port = port;
        this.timeout = timeout;
    }

    abstract void iterate(Tally tally) throws IOException, WrongReply, InterruptedException;

    /** Drops whatever connection this client keeps between rounds. */
    void dropConnection() {
    }

    /** Counts a round that threw, and starts the next one afresh. */
    final void fail(Tally tally, Exception e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String detail = lastConnection == null ? "no connection opened yet" : lastConnection.describe();
        if (pending > 0) {
            tally.failed(name, pending, reason, detail);
        } else {
            tally.unexpected(name, reason, detail);
        }
        pending = 0;
        dropConnection();
    }

    SoakConnection connect() throws IOException {
        lastConnection = null; // a failure to connect has no connection to describe
        lastConnection = SoakConnection.open(port, timeout);
        return lastConnection;
    }

    /** Reads one answer to a good request and counts it; a wrong one throws. */
    static void expectHello(SoakConnection connection, boolean head, boolean mustClose, Tally tally, SoakClient client)
            throws IOException, WrongReply {
        SoakConnection.Reply reply = connection.read(head);
        if (!reply.isHello()) {
            throw new WrongReply("expected 200 Hello World, got " + reply);
        }
        if (reply.closes() != mustClose) {
            throw new WrongReply(mustClose ? "no Connection: close where the connection must close" : "a keep-alive connection closed");
        }
        client.pending--;
        tally.answered(1);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
