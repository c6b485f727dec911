package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.closesPerRequest;
import static webmodels.model.Servers.start;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many clients at once, for every model: hundreds of concurrent keep-alive clients are all
 * served, and clients that reset in the middle of a request do not hurt the others.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyContractTest {

    static Stream<Model> models() {
        return Servers.models();
    }

    /** What the concurrency test asks of a model: that many clients at once, each doing that many requests. */
    private record Load(int clients, int requestsPerClient) {
    }

    private static Load loadFor(Model model) {
        return switch (model.modelName) {
            // A JVM per connection, and at most max-children (64 by default) of them at once.
            case "process-per-request" -> new Load(16, 1);
            // One thread (per process) serves every client: many clients, fewer requests each.
            case "blocking", "reactor", "prefork" -> new Load(200, 2);
            default -> new Load(200, 5);
        };
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void servesHundredsOfConcurrentClients(Model model) throws Exception {
        Load load = loadFor(model);
        try (Server server = start(model); ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger served = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < load.clients(); i++) {
                running.add(clients.submit(() -> {
                    try (SteadyClient steady = new SteadyClient(server.port())) {
                        go.await();
                        for (int r = 0; r < load.requestsPerClient(); r++) {
                            steady.request();
                            served.incrementAndGet();
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(e.toString()); // counted and shown, never dropped
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> client : running) {
                client.get(50, TimeUnit.SECONDS);
            }
            int expected = load.clients() * load.requestsPerClient();
            assertEquals(List.of(), summarize(failures), failures.size() + " of " + load.clients() + " clients failed");
            assertEquals(expected, served.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void clientsThatResetDoNotHurtOthers(Model model) throws Exception {
        try (Server server = start(model); SteadyClient steady = new SteadyClient(server.port())) {
            int port = server.port();
            steady.request();
            List<String> interrupted = List.of(
                    "GET / HTTP/1.1\nHost: loc",                                  // in the head
                    "POST / HTTP/1.1\nHost: localhost\nContent-Length: 100\n\nabc", // in the body
                    GET + GET + GET);                                             // before reading the answers
            for (String request : interrupted) {
                RawClient resetting = RawClient.connect(port);
                resetting.send(request);
                Thread.sleep(20); // let the server start on it
                resetting.reset();
                steady.request();
            }
            try (RawClient fresh = RawClient.connect(port)) {
                assertHello(fresh.send(GET).read());
            }
            if (!closesPerRequest(model)) {
                assertEquals(1, steady.connections(), "the other client's keep-alive connection was closed");
            }
        }
    }

    /** Distinct failure messages with their counts, so that 200 identical failures read as one line. */
    private static List<String> summarize(ConcurrentLinkedQueue<String> failures) {
        return failures.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey())
                .sorted()
                .toList();
    }
}
