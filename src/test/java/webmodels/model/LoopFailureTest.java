package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.assertPortFree;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One bad socket never stops a selector loop; a loop that dies makes its server fail visibly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopFailureTest {

    @Test
    void aSocketThatCannotBeSetUpIsClosedAndTheLoopGoesOnAccepting() throws Exception {
        ServerConfig config = ServerConfig.loopback(0);
        AtomicInteger setups = new AtomicInteger();
        EventLoop.ChannelSetup failsTheFirst = channel -> {
            if (setups.incrementAndGet() == 1) {
                throw new IOException("this socket cannot be set up (injected)");
            }
        };
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            EventLoop loop = new EventLoop("test-loop", config, LoopOptions.from(config), failure -> { }, failsTheFirst);
            loop.acceptFrom(listener);
            loop.start();
            try {
                int port = listener.socket().getLocalPort();
                try (RawClient first = RawClient.connect(port)) {
                    first.send(GET);
                    assertTrue(first.closedByServer(), "the socket that could not be set up is closed");
                }
                try (RawClient second = RawClient.connect(port)) {
                    assertHello(second.send(GET).read());
                }
            } finally {
                loop.close();
            }
        }
    }

    /** A selector-loop server, by what breaks: reactor's one loop, or one of multi-reactor's. */
    record Variant(Model model, Map<String, String> options) {
        @Override
        public String toString() {
            return model + " " + options;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant(Model.REACTOR, Map.of()),
                new Variant(Model.MULTI_REACTOR, Map.of("loops", "2")),
                new Variant(Model.MULTI_REACTOR, Map.of("loops", "2", "reuseport", "true")));
    }

    /**
     * The loop's selector fails (closed under it here): the server records why, stops accepting
     * (a new client is refused, not left waiting on a loop that is gone), and close() still frees
     * everything.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aLoopWhoseSelectorFailsStopsTheServerAcceptingAndSaysWhy(Variant variant) throws Exception {
        Map<Long, String> threadsBefore = LiveThreads.now();
        Server server = Servers.start(variant.model(), ServerConfig.loopback(0).withOptions(variant.options()));
        int port = server.port();
        try (RawClient served = RawClient.connect(port)) {
            assertHello(served.send(GET).read());
            firstLoop(server).selector().close();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.failure().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the server never noticed its loop had died");
                Thread.sleep(10);
            }
            assertInstanceOf(ClosedSelectorException.class, server.failure().get());
            assertTrue(refusesNewClients(port), "a server whose loop died still lets clients connect, to be served by nobody");
        } finally {
            server.close();
        }
        assertPortFree(port);
        assertEquals(List.of(), LiveThreads.leftSince(threadsBefore), "threads of the failed server after close()");
    }

    private static EventLoop firstLoop(Server server) {
        return server instanceof ReactorServer reactor ? reactor.loop() : ((MultiReactorServer) server).loops().get(0);
    }

    /** True once a connect is refused; the listener closes just after the failure is recorded, so try a few times. */
    private static boolean refusesNewClients(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (RawClient client = RawClient.connect(port)) {
                Thread.sleep(20); // connected: the listener is still open; it closes right after the failure is recorded
            } catch (ConnectException e) {
                return true;
            } catch (SocketException e) {
                // Connected into the backlog just as the listener closed, then reset: try again.
            }
        }
        return false;
    }
}
