package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.assertPortFree;
import static webmodels.model.Servers.start;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle rules of {@link Server}, for every model: building starts nothing, a failed start
 * closes what it opened, close frees the port, every thread, child and connection, and a closed
 * server's port can be bound again at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleContractTest {

    static Stream<Model> models() {
        return Servers.models();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void buildingAServerStartsNothing(Model model) throws Exception {
        Map<Long, String> threadsBefore = LiveThreads.now();
        Server server = model.create(ServerConfig.loopback(0));
        try {
            assertEquals(List.of(), LiveThreads.startedSince(threadsBefore), "threads started by building a server");
            assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::pid).toList(),
                    "child processes started by building a server");
        } finally {
            server.close(); // harmless before start()
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void closeBeforeStartIsHarmless(Model model) {
        Server server = model.create(ServerConfig.loopback(0));
        server.close();
        server.close();
    }

    /**
     * A failed start() closes what it opened by itself, before any close(): the listener it could
     * not bind, the threads, the children. The second failure is the one measured, so that what a
     * first use starts once per JVM (pollers of the JDK, native libraries) does not count.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aFailedStartClosesWhatItOpenedWithoutBeingClosed(Model model) throws Exception {
        try (ServerSocket occupant = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerConfig busy = ServerConfig.loopback(occupant.getLocalPort());
            assertThrows(IOException.class, model.create(busy)::start);
            Map<Long, String> threadsBefore = LiveThreads.now();
            List<String> descriptorsBefore = openDescriptors();
            assertThrows(IOException.class, model.create(busy)::start); // and never closed
            assertEquals(List.of(), LiveThreads.leftSince(threadsBefore), "threads of the server that failed to start");
            assertEquals(List.of(), descriptorsLeftSince(descriptorsBefore), "descriptors of the server that failed to start");
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::pid).toList(),
                "child processes of the server that failed to start");
    }

    /** What this JVM's descriptors point to (socket:[inode], anon_inode:[eventpoll], pipe:[...]), one entry per descriptor. */
    private static List<String> openDescriptors() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(descriptor).toString());
                } catch (IOException e) {
                    // closed since it was listed (the listing's own descriptor, say): not left open
                }
            }
        }
        return targets;
    }

    /** Descriptors open now that were not open in {@code before}, after a moment for those being closed by other threads. */
    private static List<String> descriptorsLeftSince(List<String> before) throws IOException, InterruptedException {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            left = new ArrayList<>(openDescriptors());
            for (String target : before) {
                left.remove(target);
            }
            left.removeIf(target -> target.startsWith("/proc/"));
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return left;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void restartBindsTheSamePortAndLeavesNothingBehind(Model model) throws Exception {
        Map<Long, String> threadsBefore = LiveThreads.now();
        int port;
        Server first = start(model);
        try {
            port = first.port();
            try (RawClient client = RawClient.connect(port)) {
                assertHello(client.send(GET).read());
            }
            // The JDK's own thread of an AsynchronousChannelGroup (its timeout scheduler) cannot be
            // named by a model; the leak check below still counts it.
            List<String> started = LiveThreads.startedSince(threadsBefore);
            assertTrue(started.stream().allMatch(name -> name.startsWith(model.modelName) || name.startsWith("InnocuousThread")),
                    () -> "threads of a model are named after it: " + started);
            // Close with connections still open: an idle one and one in the middle of a request.
            try (RawClient idle = RawClient.connect(port); RawClient half = RawClient.connect(port)) {
                half.send("GET / HTTP/1.1\nHo");
                Thread.sleep(50); // let the server take them up
                first.close();
                idle.awaitClose(); // fails with a timeout if close() left them open
                half.awaitClose();
            }
            first.close(); // a second close is harmless
        } finally {
            first.close();
        }
        assertPortFree(port);
        Server second = start(model, ServerConfig.loopback(port));
        try {
            assertEquals(port, second.port());
            try (RawClient client = RawClient.connect(port)) {
                assertHello(client.send(GET).read());
            }
        } finally {
            second.close();
            second.close();
        }
        assertPortFree(port);
        assertEquals(List.of(), LiveThreads.leftSince(threadsBefore), "threads of the closed servers still alive");
        assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::pid).toList(),
                "child processes of the closed servers still alive");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void failsToStartOnABusyPortAndLeavesNothingBehind(Model model) throws Exception {
        Map<Long, String> threadsBefore = LiveThreads.now();
        try (ServerSocket occupant = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Server server = model.create(ServerConfig.loopback(occupant.getLocalPort()));
            try {
                assertThrows(IOException.class, server::start);
            } finally {
                server.close();
            }
        }
        assertEquals(List.of(), LiveThreads.leftSince(threadsBefore), "threads of the server that failed to start");
        assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::pid).toList(),
                "child processes of the server that failed to start");
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void rejectsAnUnknownOptionNamingTheModel(Model model) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.create(ServerConfig.loopback(0).withOption("no-such-option", "1")).close());
        assertTrue(e.getMessage().contains(model.modelName) && e.getMessage().contains("no-such-option"), e.getMessage());
    }
}
