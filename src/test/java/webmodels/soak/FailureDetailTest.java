package webmodels.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A good client's failure carries what its connection had done (which write, after how many
 * responses, how long after the last one), so that a rare failure in a soak can be told apart:
 * a server that resets a busy connection, or a client that stalled past the request timeout.
 */
class FailureDetailTest {

    private static final byte[] HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nHello World".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aResetKeepAliveConnectionIsReportedWithItsRequestAndTheTimeSinceTheLastResponse() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofPlatform().daemon().start(() -> answerOnceThenReset(listener));
            GoodClients.KeepAlive client = new GoodClients.KeepAlive("keep-alive-1", listener.getLocalPort(), true, Duration.ofSeconds(10));
            Tally tally = new Tally();
            client.iterate(tally); // GET, answered
            try {
                client.iterate(tally); // HEAD: the server resets instead
            } catch (IOException e) {
                client.fail(tally, e);
            }
            server.join();
            assertEquals(1, tally.answered());
            assertEquals(1, tally.failedRequests(), "the failed request stays a failure");
            List<String> lines = tally.problemsWithDetails();
            assertEquals(2, lines.size(), String.valueOf(lines));
            assertTrue(lines.get(0).startsWith("1 x failed keep-alive-1: "), lines.get(0));
            String detail = lines.get(1);
            assertTrue(detail.startsWith("  first: write 2 (HEAD / HTTP/1.1) after 1 responses on a connection open "), detail);
            assertTrue(detail.matches(".* ms; write began [0-9]+ ms after the last response, failed [0-9]+ ms after it began"), detail);
        }
    }

    /** Reads the first request and answers it, reads the second and resets: the reset a client must not hide. */
    private static void answerOnceThenReset(ServerSocket listener) {
        try (Socket connection = listener.accept()) {
            InputStream in = connection.getInputStream();
            readHead(in);
            connection.getOutputStream().write(HELLO);
            readHead(in);
            connection.setSoLinger(true, 0); // close with a reset
        } catch (IOException e) {
            throw new IllegalStateException("the scripted server failed: " + e, e);
        }
    }

    /** Reads up to the blank line that ends a request head (the requests here have no body). */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in a request head");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
