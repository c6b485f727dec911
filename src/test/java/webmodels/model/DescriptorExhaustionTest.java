package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import webmodels.load.CpuMeter;

/**
 * A server out of descriptors (EMFILE) backs off instead of spinning, keeps serving the
 * connections it has, and accepts again once descriptors free. The server runs in a child JVM
 * ({@link ForkedServer}) whose descriptor limit {@code prlimit} lowers to what it holds plus
 * {@link #HEADROOM}, and is then flooded with {@link #FLOOD} connections.
 *
 * <p>Not {@code blocking}, {@code prefork} or {@code process-per-request}: the first serves one
 * connection at a time (the idle flood starves it by design), the second's workers are other
 * processes, and the third needs descriptors for every child's pipes and answers 503 without them.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DescriptorExhaustionTest {

    private static final int HEADROOM = 64;
    private static final int FLOOD = 3 * HEADROOM;
    /** How long the child's CPU time is watched while it is out of descriptors. */
    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** A server that retries at once spins a whole core (less of it on a loaded machine); one that backs off uses next to nothing: a hundredth here. */
    private static final double MOST_CORES = 0.1;

    static Stream<Model> models() {
        return Servers.models().filter(model -> model != Model.BLOCKING && model != Model.PREFORK && model != Model.PROCESS_PER_REQUEST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void backsOffWhenOutOfDescriptorsKeepsServingAndRecovers(Model model) throws Exception {
        List<Socket> flood = new ArrayList<>();
        try (ForkedServer server = new ForkedServer(model, ServerConfig.loopback(0), List.of("-Xmx128m"));
             RawClient regular = startAndConnect(server)) {
            assertHello(regular.send(GET).read());
            warmUp(server.port());
            limitDescriptors(server.pid(), openDescriptors(server.pid()) + HEADROOM);
            try {
                for (int i = 0; i < FLOOD; i++) {
                    flood.add(connect(server.port())); // the kernel completes them into the backlog; the server runs out
                }
                Thread.sleep(500); // let the server take in what it can and hit the limit

                CpuMeter cpu = CpuMeter.process(server.pid(), false);
                long before = cpu.cpuNanos();
                Thread.sleep(WINDOW.toMillis());
                double cores = (cpu.cpuNanos() - before) / (double) WINDOW.toNanos();
                System.out.printf("%s out of descriptors: %.3f cores%n", model, cores);
                assertTrue(cores < MOST_CORES, () -> model + " out of descriptors used " + String.format("%.2f", cores)
                        + " cores over " + WINDOW.toSeconds() + " s: it spins instead of backing off");

                assertHello(regular.send(GET).read()); // the connections it has are still served
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
            try (RawClient late = RawClient.connect(server.port())) { // the backlog's dead connections first, then this one
                assertHello(late.send(GET).read());
            }
            assertEquals(200, regular.send(GET).read().status());
        }
    }

    /**
     * Runs the server's paths for closes, resets and bad input once before the limit: the test's
     * child loads its classes from directories, one file (one descriptor) per class, and a class
     * first needed when no descriptor is left could not load. (From a jar, as the benchmarks run,
     * the classes come through the jar's one open descriptor.)
     */
    private static void warmUp(int port) throws Exception {
        try (RawClient closing = RawClient.connect(port)) {
            assertHello(closing.send(GET).read());
        }
        try (RawClient bad = RawClient.connect(port)) {
            assertEquals(400, bad.send("NOT HTTP\n\n").read().status());
        }
        RawClient resetting = RawClient.connect(port);
        resetting.send(GET + GET);
        resetting.reset();
        try (RawClient after = RawClient.connect(port)) {
            assertHello(after.send(GET).read());
        }
    }

    private static RawClient startAndConnect(ForkedServer server) throws IOException {
        server.start();
        return RawClient.connect(server.port());
    }

    /** A connection that only connects: the client's own descriptor, and a backlog slot or a descriptor of the server. */
    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return socket;
    }

    private static int openDescriptors(long pid) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) descriptors.count();
        }
    }

    /** Lowers the soft and hard descriptor limits of a running process (allowed for one's own processes). */
    private static void limitDescriptors(long pid, int limit) throws IOException, InterruptedException {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":" + limit)
                .redirectErrorStream(true).start();
        String output = new String(prlimit.getInputStream().readAllBytes());
        assertTrue(prlimit.waitFor(10, TimeUnit.SECONDS), "prlimit did not finish");
        assertEquals(0, prlimit.exitValue(), () -> "prlimit failed: " + output);
    }
}
