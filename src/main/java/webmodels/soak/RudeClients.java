package webmodels.soak;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * The soak's rude clients: resets in the middle of a request, malformed requests, connections that
 * stay silent or stop half-way. Each has an expected outcome (nothing, the right error status and
 * a close, a close after the request timeout); anything else is counted as unexpected.
 */
final class RudeClients {

    /** A malformed request and the status that must answer it. */
    record Malformed(String name, int status, byte[] request) {
    }

    static final List<Malformed> MALFORMED = List.of(
            new Malformed("malformed request line", 400, SoakClient.ascii("GET /a b HTTP/1.1\r\nHost: soak\r\n\r\n")),
            new Malformed("header without colon", 400, SoakClient.ascii("GET / HTTP/1.1\r\nHost: soak\r\nno colon\r\n\r\n")),
            new Malformed("HTTP/1.1 without Host", 400, SoakClient.ascii("GET / HTTP/1.1\r\n\r\n")),
            new Malformed("Content-Length with Transfer-Encoding", 400, SoakClient.ascii(
                    "POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")),
            new Malformed("bad chunk size", 400, SoakClient.ascii(
                    "POST / HTTP/1.1\r\nHost: soak\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")),
            new Malformed("chunk data without CRLF", 400, SoakClient.ascii(
                    "POST / HTTP/1.1\r\nHost: soak\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n")),
            new Malformed("body over the limit", 413, SoakClient.ascii(
                    "POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: 1000000000\r\n\r\n")),
            new Malformed("target too long", 414, SoakClient.ascii("GET /" + "a".repeat(4096) + " HTTP/1.1\r\nHost: soak\r\n\r\n")),
            new Malformed("header section too large", 431, SoakClient.ascii(
                    "GET / HTTP/1.1\r\nHost: soak\r\nX-Big: " + "a".repeat(16384) + "\r\n\r\n")),
            new Malformed("unknown method", 501, SoakClient.ascii("DELETE / HTTP/1.1\r\nHost: soak\r\n\r\n")),
            new Malformed("HTTP/2.0", 505, SoakClient.ascii("GET / HTTP/2.0\r\nHost: soak\r\n\r\n")));

    /** Where a resetting client stops: in the head, in the body, or after pipelining requests it never reads. */
    static final List<byte[]> RESET_AFTER = List.of(
            SoakClient.ascii("GET / HTTP/1.1\r\nHost: so"),
            SoakClient.ascii("POST / HTTP/1.1\r\nHost: soak\r\nContent-Length: 100\r\n\r\nabc"),
            SoakClient.ascii("POST / HTTP/1.1\r\nHost: soak\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc"),
            SoakClient.ascii(new String(SoakClient.GET, java.nio.charset.StandardCharsets.ISO_8859_1).repeat(50)));

    private RudeClients() {
    }

    static List<SoakClient> all(int port, Duration timeout) {
        return List.of(new Resetting(port, timeout), new MalformedSender(port, timeout), new Silent(port, timeout));
    }

    /** Sends part of a request, or requests it never reads the answers to, then resets. */
    static final class Resetting extends SoakClient {
        private int round;

        Resetting(int port, Duration timeout) {
            super("reset", Duration.ofMillis(20), port, timeout);
        }

        @Override
        void iterate(Tally tally) throws IOException, InterruptedException {
            int kind = round++ % RESET_AFTER.size();
            SoakConnection connection = connect();
            try {
                connection.send(RESET_AFTER.get(kind));
                Thread.sleep(2); // let the server start on it
            } finally {
                connection.reset();
            }
            tally.expected("reset mid-request " + kind);
        }
    }

    /** Sends each malformed request in turn: the right status, Connection: close, and the close must follow. */
    static final class MalformedSender extends SoakClient {
        private int round;

        MalformedSender(int port, Duration timeout) {
            super("malformed", Duration.ofMillis(20), port, timeout);
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply {
            Malformed bad = MALFORMED.get(round++ % MALFORMED.size());
            try (SoakConnection connection = connect()) {
                connection.send(bad.request());
                SoakConnection.Reply reply = connection.read(false);
                if (reply.status() != bad.status() || !reply.closes()) {
                    throw new WrongReply(bad.name() + ": expected " + bad.status() + " and a close, got " + reply);
                }
                GoodClients.expectClosed(connection);
            }
            tally.expected("malformed: " + bad.status());
        }
    }

    /**
     * Connects and stays silent, or stops in the middle of a request head: the server must close
     * the first without a word and answer the second 408, each after its request timeout.
     */
    static final class Silent extends SoakClient {
        private int round;

        Silent(int port, Duration timeout) {
            super("silent", Duration.ofMillis(1), port, timeout);
        }

        @Override
        void iterate(Tally tally) throws IOException, WrongReply {
            boolean halfSent = round++ % 2 == 1;
            try (SoakConnection connection = connect()) {
                if (halfSent) {
                    connection.send(ascii("GET / HTTP/1.1\r\nHo"));
                    SoakConnection.Reply reply = connection.read(false);
                    if (reply.status() != 408 || !reply.closes()) {
                        throw new WrongReply("a half-sent request: expected 408 and a close, got " + reply);
                    }
                    GoodClients.expectClosed(connection);
                    tally.expected("half-sent: 408");
                } else {
                    GoodClients.expectClosed(connection);
                    tally.expected("silent: closed");
                }
            } catch (SocketTimeoutException e) {
                throw new WrongReply("the request timeout did not close the connection within " + timeout.toSeconds() + " s");
            }
        }
    }
}
