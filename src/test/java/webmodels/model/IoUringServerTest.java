package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@code io-uring} owes beyond the contract every model meets: it gives back all the kernel lent it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IoUringServerTest {

    /**
     * Idle connections (a receive in flight), a client that does not read (a send in flight) and
     * a half-sent request: closing must still release the ring, its mappings and every descriptor.
     */
    @Test
    void closingReleasesTheRingItsMappingsAndEveryDescriptor() throws Exception {
        List<String> descriptorsBefore = descriptors();
        long ringMappingsBefore = ringMappings();
        List<AutoCloseable> clients = new ArrayList<>();
        try (Server server = Servers.start(Model.IO_URING, ServerConfig.loopback(0))) {
            assertTrue(ringMappings() > ringMappingsBefore, "no io_uring mapping while the server runs");
            for (int i = 0; i < 3; i++) {
                RawClient idle = RawClient.connect(server.port());
                clients.add(idle);
                assertHello(idle.send(GET).read());
            }
            RawClient notReading = RawClient.connect(server.port(), 4096);
            clients.add(notReading);
            notReading.send(GET.repeat(20_000)); // about 2.6 MB of answers: the server's send waits for room
            RawClient halfSent = RawClient.connect(server.port());
            clients.add(halfSent);
            halfSent.send("GET / HTTP/1.1\r\nHost: loc");
            Thread.sleep(200); // let the requests reach the server
        } finally {
            for (AutoCloseable client : clients) {
                client.close();
            }
        }
        assertEquals(ringMappingsBefore, ringMappings(), "io_uring mappings left after close");
        // Only the kinds this server opens: a descriptor of an earlier test that closes meanwhile must not fail this one.
        assertEquals(count(descriptorsBefore, "anon_inode:[io_uring]"), count(descriptors(), "anon_inode:[io_uring]"), "rings left open");
        assertEquals(count(descriptorsBefore, "anon_inode:[eventfd]"), count(descriptors(), "anon_inode:[eventfd]"), "eventfds left open");
        long socketsAfter = descriptors().stream().filter(target -> target.startsWith("socket:")).count();
        assertTrue(socketsAfter <= descriptorsBefore.stream().filter(target -> target.startsWith("socket:")).count(),
                () -> "sockets left open: " + socketsAfter + " now");
    }

    /** One receive buffer for twenty clients: receives that find none wait for the next turn instead of failing. */
    @Test
    void servesClientsThatOutnumberItsReceiveBuffers() throws Exception {
        ServerConfig oneBuffer = ServerConfig.loopback(0).withOptions(Map.of("buffers", "1", "buffer-size", "64"));
        int clients = 20;
        try (Server server = Servers.start(Model.IO_URING, oneBuffer);
             ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                answered.add(pool.submit(() -> {
                    try (RawClient client = RawClient.connect(server.port())) {
                        client.send(GET.repeat(10)); // 370 bytes: six buffers' worth per read
                        for (int i = 0; i < 10; i++) {
                            assertHello(client.read());
                        }
                        return 10;
                    }
                }));
            }
            for (Future<Integer> future : answered) {
                assertEquals(10, future.get(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void rejectsABufferCountThatIsNotAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IoUringServer(ServerConfig.loopback(0).withOptions(Map.of("buffers", "3"))));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    /** This process's open descriptors by what they point to (socket:[...], anon_inode:[io_uring], ...). */
    private static List<String> descriptors() throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // the descriptor of the listing itself, closed by now
                }
            }
        }
        return targets.stream().sorted().toList();
    }

    private static long count(List<String> targets, String target) {
        return targets.stream().filter(target::equals).count();
    }

    private static long ringMappings() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains("io_uring")).count();
    }
}
