package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Work;

/** The reference responder in C: what the runs hold the models against must answer as they do. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CEpollServerTest {

    @Test
    void answersOnAKeptConnectionAndClosesWhenAsked() throws Exception {
        try (CEpollServer server = new CEpollServer(ServerConfig.loopback(0))) {
            server.start();
            assertTrue(server.pid() != ProcessHandle.current().pid());
            try (RawClient client = RawClient.connect(server.port())) {
                for (int i = 0; i < 3; i++) {
                    RawClient.Reply reply = client.send("GET / HTTP/1.1\nHost: x\n\n").read();
                    assertEquals(200, reply.status());
                    assertEquals("Hello World", reply.body());
                    assertFalse(reply.closes());
                }
                RawClient.Reply last = client.send("GET / HTTP/1.1\nHost: x\nConnection: close\n\n").read();
                assertEquals("Hello World", last.body());
                assertTrue(last.closes());
                assertTrue(client.closedByServer());
            }
            try (RawClient http10 = RawClient.connect(server.port())) {
                assertEquals("Hello World", http10.send("GET / HTTP/1.0\n\n").read().body());
                assertTrue(http10.closedByServer(), "HTTP/1.0 without keep-alive closes, as ab expects");
            }
        }
    }

    @Test
    void twoRequestsInOneWriteGetTwoAnswersAndAnOversizedHeadGets431() throws Exception {
        try (CEpollServer server = new CEpollServer(ServerConfig.loopback(0))) {
            server.start();
            try (RawClient client = RawClient.connect(server.port())) {
                client.send("GET / HTTP/1.1\nHost: x\n\nGET / HTTP/1.1\nHost: x\n\n");
                assertEquals("Hello World", client.read().body());
                assertEquals("Hello World", client.read().body());
            }
            try (RawClient rude = RawClient.connect(server.port())) {
                rude.send("GET / HTTP/1.1\nX: " + "a".repeat(9000));
                assertEquals(431, rude.read().status());
            }
            try (RawClient next = RawClient.connect(server.port())) {
                assertEquals("Hello World", next.send("GET / HTTP/1.1\nHost: x\n\n").read().body(), "the others are still served");
            }
        }
    }

    @Test
    void closingStopsTheResponderAndFreesThePort() throws Exception {
        CEpollServer server = new CEpollServer(ServerConfig.loopback(0));
        server.start();
        Servers.assertClosingEndsTheProcessAndFreesThePort(server, server.pid());
    }

    @Test
    void refusesWhatItCannotDoInsteadOfIgnoringIt() {
        assertThrows(IllegalArgumentException.class,
                () -> new CEpollServer(ServerConfig.loopback(0).withOption("workers", "3")));
        assertThrows(IllegalArgumentException.class,
                () -> new CEpollServer(new ServerConfig(ServerConfig.loopback(0).host(), 0,
                        ServerConfig.loopback(0).limits(), Work.parse("cpu:50us"), java.util.Map.of())));
    }
}
