package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import webmodels.http.Limits;
import webmodels.http.Work;
import webmodels.model.NettyServer.Transport;

/**
 * A request that arrives in time is answered even when the server's loop is behind: the request
 * deadline of a connection passes while the loop is busy with another connection, and the
 * request, sent long before the deadline, is still unread when the loop gets to its timers. The
 * server must read it before it judges the deadline, not close the connection (with a reset, for
 * the unread bytes). On a loaded machine the soak saw exactly this: "Connection reset" for a good
 * client whose request the netty-epoll server had not yet read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NettyLateLoopTest {

    /** The request timeout of the server. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Each request holds the single loop this long (sleep work): the loop is behind for that time. */
    private static final Duration WORK = Duration.ofSeconds(2);
    private static final byte[] GET = "GET / HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRequestSentBeforeItsDeadlineIsAnsweredWhileTheLoopIsBehind(Transport transport) throws Exception {
        ServerConfig config = ServerConfig.loopback(0)
                .withLimits(Limits.DEFAULT.withRequestTimeout(TIMEOUT))
                .withWork(new Work(Work.Kind.SLEEP, WORK));
        try (Server server = new NettyServer(config, transport)) {
            server.start();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (Socket onTime = new Socket(loopback, server.port()); Socket busy = new Socket(loopback, server.port())) {
                onTime.setSoTimeout(20_000);
                busy.setSoTimeout(20_000);
                // The loop accepts both (the backlog is in order: onTime's deadline starts first),
                // then holds itself for WORK on busy's request.
                busy.getOutputStream().write(GET);
                Thread.sleep(TIMEOUT.toMillis() / 2); // well inside onTime's deadline, well inside busy's work
                onTime.getOutputStream().write(GET);
                assertEquals("HTTP/1.1 200 OK", statusLine(busy.getInputStream()));
                assertEquals("HTTP/1.1 200 OK", statusLine(onTime.getInputStream()),
                        "a request sent half a timeout after connecting must be answered, not reset");
            }
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
