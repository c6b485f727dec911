package webmodels.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The soak's well-behaved clients: every request they send must be answered with Hello World, and
 * a keep-alive model must keep their connections open (a close-per-request model closes them after
 * each answer, which they then expect).
 */
final class GoodClients {

    /** Requests in one pipelined burst. */
    static final int BURST = 100;
    /** Requests a slow reader pipelines before it reads, slowly: more answers than socket buffers hold at once. */
    static final int SLOW_READ_BURST = 1000;

    private GoodClients() {
    }

    static List<SoakClient> all(int port, boolean keepsAlive, Duration timeout) {
        return List.of(
                new KeepAlive("keep-alive-1", port, keepsAlive, timeout),
                new KeepAlive("keep-alive-2", port, keepsAlive, timeout),
                new ClosePerRequest(port, timeout),
                new Pipelined("pipelined-burst", Duration.ofMillis(100), BURST, 0, port, keepsAlive, timeout),
                new Pipelined("slow-reader", Duration.ofMillis(500), SLOW_READ_BURST, 2, port, keepsAlive, timeout),
                new SlowSender(port, keepsAlive, timeout),
                new HalfClose(port, timeout));
    }

    /** Keeps one connection, one request per round: GET, HEAD, POST and chunked POST in turn. */
    static final class KeepAlive extends SoakClient {
        private final boolean keepsAlive;
        private SoakConnection connection;
        private long round;

        KeepAlive(String name, int port, boolean keepsAlive, Duration timeout) {
            super(name, Duration.ofMillis(5), port, timeout);
            this.keepsAlive = keepsAlive;
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply {
            pending = 1;
            if (connection == null) {
                connection = connect();
            }
            byte[] request = switch ((int) (round++ % 4)) {
                case 0 -> GET;
                case 1 -> HEAD;
                case 2 -> POST;
                default -> CHUNKED_POST;
            };
            connection.send(request);
            expectHello(connection, request == HEAD, !keepsAlive, tally, this);
            if (!keepsAlive) {
                expectClosed(connection);
                dropConnection();
            }
        }

        @Override
        void dropConnection() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /** A new connection per request, which asks for Connection: close. */
    static final class ClosePerRequest extends SoakClient {
        ClosePerRequest(int port, Duration timeout) {
            super("close-per-request", Duration.ofMillis(10), port, timeout);
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply {
            pending = 1;
            try (SoakConnection connection = connect()) {
                connection.send(GET_CLOSE);
                expectHello(connection, false, true, tally, this);
                expectClosed(connection);
            }
        }
    }

    /**
     * Pipelines a burst of GETs and HEADs in one write, then reads every answer in order; with
     * {@code pauseEvery10} milliseconds of pause after every ten answers, a slow reader.
     */
    static final class Pipelined extends SoakClient {
        private final byte[] burst;
        private final int requests;
        private final long pauseEvery10;
        private final boolean keepsAlive;
        private SoakConnection connection;

        Pipelined(String name, Duration pace, int requests, long pauseEvery10, int port, boolean keepsAlive, Duration timeout) {
            super(name, pace, port, timeout);
            this.requests = requests;
            this.pauseEvery10 = pauseEvery10;
            this.keepsAlive = keepsAlive;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                bytes.writeBytes(i % 2 == 0 ? GET : HEAD);
            }
            this.burst = bytes.toByteArray();
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply, InterruptedException {
            if (connection == null) {
                connection = connect();
            }
            if (!keepsAlive) {
                // A close-per-request model answers the first request and closes: send one.
                pending = 1;
                connection.send(GET);
                expectHello(connection, false, true, tally, this);
                expectClosed(connection);
                dropConnection();
                return;
            }
            pending = requests;
            connection.send(burst);
            for (int i = 0; i < requests; i++) {
                expectHello(connection, i % 2 == 1, false, tally, this);
                if (pauseEvery10 > 0 && i % 10 == 9) {
                    Thread.sleep(pauseEvery10);
                }
            }
        }

        @Override
        void dropConnection() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /** Sends each request a byte at a time, well within the request timeout. */
    static final class SlowSender extends SoakClient {
        private static final long BYTE_PAUSE_MILLIS = 5;
        private final boolean keepsAlive;
        private SoakConnection connection;

        SlowSender(int port, boolean keepsAlive, Duration timeout) {
            super("slow-sender", Duration.ofMillis(10), port, timeout);
            this.keepsAlive = keepsAlive;
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply, InterruptedException {
            pending = 1;
            if (connection == null) {
                connection = connect();
            }
            connection.sendSlowly(GET, BYTE_PAUSE_MILLIS);
            expectHello(connection, false, !keepsAlive, tally, this);
            if (!keepsAlive) {
                expectClosed(connection);
                dropConnection();
            }
        }

        @Override
        void dropConnection() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /** Sends a request and then FIN, as {@code printf ... | nc} does; the answer must still come, then the close. */
    static final class HalfClose extends SoakClient {
        HalfClose(int port, Duration timeout) {
            super("half-close", Duration.ofMillis(20), port, timeout);
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply {
            pending = 1;
            try (SoakConnection connection = connect()) {
                connection.send(GET);
                connection.shutdownOutput();
                // Whether the answer says close is the model's choice: it may read the FIN only
                // after answering. That it closes once the client has nothing more to send is not.
                SoakConnection.Reply reply = connection.read(false);
                if (!reply.isHello()) {
                    throw new WrongReply("expected 200 Hello World, got " + reply);
                }
                expectClosed(connection);
                pending = 0;
                tally.answered(1);
            }
        }
    }

    static void expectClosed(SoakConnection connection) throws IOException, SoakClient.WrongReply {
        if (!connection.closedByServer()) {
            throw new SoakClient.WrongReply("bytes after a response that closes the connection");
        }
    }
}
