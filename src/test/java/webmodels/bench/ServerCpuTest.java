package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.load.RawHttpClient;
import webmodels.load.RequestFailedException;
import webmodels.model.CEpollServer;
import webmodels.model.Server;
import webmodels.model.ServerConfig;
import webmodels.model.ThreadPerConnectionServer;
import webmodels.model.VirtualThreadsServer;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerCpuTest {

    @Test
    void theModelsThreadsAndTheVirtualThreadCarriersAreTheServers() {
        assertTrue(ServerCpu.isServerThread("reactor", "reactor-loop"));
        assertTrue(ServerCpu.isServerThread("thread-pool", "thread-pool-worker-3"));
        assertTrue(ServerCpu.isServerThread("netty-epoll", "netty-epoll-2-1"));
        assertTrue(ServerCpu.isServerThread("virtual-threads", "ForkJoinPool-1-worker-2"));
        assertTrue(ServerCpu.isServerThread("virtual-threads", "ForkJoinPool-1-delayScheduler"));
        assertTrue(ServerCpu.isServerThread("virtual-threads", "MasterPoller"));
        assertTrue(ServerCpu.isServerThread("virtual-threads", "VirtualThread-unblocker"));
        assertTrue(ServerCpu.isServerThread("process-per-request", "ForkJoinPool-1-worker-1"));

        assertFalse(ServerCpu.isServerThread("reactor", "multi-reactor-loop-0"));
        assertFalse(ServerCpu.isServerThread("thread-pool", "thread-per-connection-1"));
        assertFalse(ServerCpu.isServerThread("reactor", "ForkJoinPool.commonPool-worker-1"));
        // carriers left by virtual threads that ran before in this JVM (a test JVM, say) are not a platform-thread model's
        assertFalse(ServerCpu.isServerThread("thread-per-connection", "ForkJoinPool-1-worker-2"));
        assertFalse(ServerCpu.isServerThread("reactor", "MasterPoller"));
        assertFalse(ServerCpu.isServerThread("reactor", "webmodels.bench.models.ReactorBenchmark.keepAlive-jmh-worker-1"));
        assertFalse(ServerCpu.isServerThread("reactor", "load-connection-0"));
    }

    /**
     * Every platform thread that the JDK starts for a virtual-thread server (carriers, their timer,
     * the I/O poller, ...) works for it, so it is counted. In a JVM that ran virtual threads before,
     * those threads exist already and nothing new appears; run alone, the JDK's start here.
     */
    @Test
    void everyThreadAVirtualThreadServerBringsIsTheServers() throws Exception {
        Set<Long> before = threadIds();
        try (Server server = new VirtualThreadsServer(ServerConfig.loopback(0))) {
            server.start();
            try (RawHttpClient client = new RawHttpClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    true, Duration.ofSeconds(5))) {
                for (int i = 0; i < 20; i++) {
                    client.get(); // the connection's virtual thread parks on its read between requests
                    Thread.sleep(5);
                }
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && !before.contains(info.getThreadId())) {
                    assertTrue(ServerCpu.isServerThread(VirtualThreadsServer.NAME, info.getThreadName()),
                            "a thread the server brought is not counted: " + info.getThreadName());
                }
            }
        }
    }

    private static Set<Long> threadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void newThreadsAndChildProcessesCountFromTheirStart() {
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L), Map.of(), 0, 10);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(1L, 300L, 2L, 40L), Map.of(), 0, 25);

        assertEquals(200 + 40 + 15, ServerCpu.between(start, end));
    }

    @Test
    void aThreadThatEndedUnaccountedCountsNothingRatherThanLess() {
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L, 2L, 50L), Map.of(), 0, 0);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(1L, 300L), Map.of(), 0, 0);

        assertEquals(200, ServerCpu.between(start, end));
    }

    @Test
    void threadsTheServerAccountedForCountOnlyTheirTimeWithinTheSpan() {
        // thread 2 had used 50 at the start and 80 in all when it ended; the server reports the 80
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L, 2L, 50L), Map.of(), 1_000, 0);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(1L, 300L), Map.of(), 1_080, 0);

        assertEquals(200 + 30, ServerCpu.between(start, end));
    }

    /**
     * Seen in a CI run: a thread-per-connection server's span came out at zero or less, because a
     * carrier that virtual threads had used earlier in the test JVM retired in it, and its whole life
     * was taken back as if the server had counted it among its ended threads.
     */
    @Test
    void aJdkThreadThatEndsWhileTheServerEndsThreadsOfItsOwnIsNotTakenBack() {
        ServerCpu.Reading start = new ServerCpu.Reading(Map.of(1L, 100L), Map.of(7L, 5_000L), 0, 0);
        ServerCpu.Reading end = new ServerCpu.Reading(Map.of(), Map.of(), 180, 0);

        assertEquals(180 - 100, ServerCpu.between(start, end));
    }

    @Test
    void aThreadPerConnectionServerServingClosedConnectionsUsesCpu() throws IOException {
        try (Server server = new ThreadPerConnectionServer(ServerConfig.loopback(0))) {
            server.start();
            ServerCpu cpu = new ServerCpu(ThreadPerConnectionServer.NAME, server);
            ServerCpu.Reading start = cpu.read();
            try (RawHttpClient client = new RawHttpClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    false, Duration.ofSeconds(5))) {
                for (int i = 0; i < 50; i++) {
                    client.get(); // each on a connection of its own, served by a thread that ends after it
                }
            } catch (RequestFailedException e) {
                throw new AssertionError(e);
            }

            assertTrue(cpu.nanosSince(start) > 0);
        }
    }

    /**
     * The reference's CPU is its process's, read from /proc in clock ticks (10 ms): requests go in
     * batches until a tick shows, at most 40 batches, so that the loop is bounded and a responder
     * whose CPU time never appears fails the test.
     */
    @Test
    void theReferenceResponderIsMeasuredAsAProcessOfItsOwn() throws IOException {
        try (Server server = new CEpollServer(ServerConfig.loopback(0))) {
            server.start();
            ServerCpu cpu = new ServerCpu(CEpollServer.NAME, server);
            ServerCpu.Reading start = cpu.read();
            long used = 0;
            try (RawHttpClient client = new RawHttpClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    true, Duration.ofSeconds(5))) {
                for (int batch = 0; batch < 40 && used == 0; batch++) {
                    for (int i = 0; i < 5_000; i++) {
                        client.get();
                    }
                    used = cpu.nanosSince(start);
                }
            } catch (RequestFailedException e) {
                throw new AssertionError(e);
            }

            assertTrue(used > 0, "200,000 requests and no CPU time seen for " + CEpollServer.NAME);
        }
    }
}
