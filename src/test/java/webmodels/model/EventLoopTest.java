package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.HEAD;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.assertPortFree;
import static webmodels.model.Servers.start;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import webmodels.http.Limits;
import webmodels.model.RawClient.Reply;

/**
 * The selector loop under its knobs ({@link LoopOptions}, and multi-reactor's loops and
 * reuseport): the contract suite runs the defaults only, this runs the rest of the settings the
 * benchmarks use, each against the behaviours a knob could break.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventLoopTest {

    /** A model with options; named for the test report. */
    record Variant(Model model, Map<String, String> options) {
        ServerConfig config() {
            return ServerConfig.loopback(0).withOptions(options);
        }

        @Override
        public String toString() {
            return model + " " + options;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant(Model.REACTOR, Map.of("read-buffer", "64")),
                new Variant(Model.REACTOR, Map.of("direct", "false")),
                new Variant(Model.REACTOR, Map.of("write-mode", "on-writable")),
                new Variant(Model.REACTOR, Map.of("select", "busy-poll")),
                new Variant(Model.REACTOR, Map.of("select", "timeout")),
                new Variant(Model.REACTOR, Map.of("select", "spin-then-block", "spins", "10")),
                new Variant(Model.REACTOR, Map.of("accept-batch", "1", "tcp-nodelay", "false")),
                new Variant(Model.MULTI_REACTOR, Map.of("loops", "1", "read-buffer", "64", "write-mode", "on-writable")),
                new Variant(Model.MULTI_REACTOR, Map.of("loops", "2", "reuseport", "true")),
                new Variant(Model.MULTI_REACTOR, Map.of("loops", "3", "reuseport", "true", "select", "spin-then-block")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void servesPipelinedHeadAndPostRequests(Variant variant) throws Exception {
        try (Server server = start(variant.model(), variant.config()); RawClient client = RawClient.connect(server.port())) {
            client.send(GET + HEAD + GET);
            assertHello(client.read());
            assertEquals("11", client.readHeadResponse().header("Content-Length"));
            assertHello(client.read());
            client.send("""
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: 100

                    """ + "b".repeat(60));
            Thread.sleep(20);
            client.send("b".repeat(40) + GET);
            assertHello(client.read());
            assertHello(client.read());
            assertHello(client.sendByteByByte(GET, 0).read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void answersOversizedInputAndCloses(Variant variant) throws Exception {
        String bigHeader = "GET / HTTP/1.1\nHost: localhost\nX-Big: " + "a".repeat(Limits.DEFAULT.maxHeaderBytes()) + "\n\n";
        String bigBody = "POST / HTTP/1.1\nHost: localhost\nContent-Length: " + (Limits.DEFAULT.maxBodyBytes() + 1) + "\n\n";
        try (Server server = start(variant.model(), variant.config())) {
            for (String request : List.of(bigHeader, bigBody)) {
                try (RawClient client = RawClient.connect(server.port())) {
                    Reply reply = client.send(request).read();
                    assertTrue(reply.status() == 431 || reply.status() == 413, reply.toString());
                    assertTrue(reply.closes());
                    assertTrue(client.closedByServer());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void timesOutSilentAndHalfSentConnections(Variant variant) throws Exception {
        ServerConfig config = variant.config().withLimits(Limits.DEFAULT.withRequestTimeout(Duration.ofMillis(500)));
        try (Server server = start(variant.model(), config);
             RawClient silent = RawClient.connect(server.port());
             RawClient half = RawClient.connect(server.port())) {
            half.send("GET / HTTP/1.1\nHo");
            Reply reply = half.read();
            assertEquals(408, reply.status());
            assertTrue(half.closedByServer());
            assertTrue(silent.closedByServer(), "an idle connection must be closed without a response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void servesConcurrentClients(Variant variant) throws Exception {
        int clients = 50;
        int requests = 3;
        try (Server server = start(variant.model(), variant.config());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    try (SteadyClient client = new SteadyClient(server.port())) {
                        go.await();
                        for (int r = 0; r < requests; r++) {
                            client.request();
                        }
                        assertEquals(1, client.connections(), "keep-alive connection closed");
                    } catch (Exception | AssertionError e) {
                        failures.add(e.toString());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> client : running) {
                client.get(25, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), List.copyOf(failures));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void closeFreesThePortAndEveryThread(Variant variant) throws Exception {
        Map<Long, String> before = LiveThreads.now();
        int port;
        try (Server server = start(variant.model(), variant.config());
             RawClient idle = RawClient.connect(server.port())) {
            port = server.port();
            assertHello(idle.send(GET).read());
            server.close();
            idle.awaitClose();
        }
        assertPortFree(port);
        assertEquals(List.of(), LiveThreads.leftSince(before));
    }
}
