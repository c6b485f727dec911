package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.load.RawClientContractTest.address;
import static webmodels.load.RawClientContractTest.freePort;
import static webmodels.load.RawClientContractTest.started;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Work;
import webmodels.model.BlockingServer;
import webmodels.model.ReactorServer;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

/** Low rates and short runs only: these check what is counted, not how fast anything is. */
@Timeout(30)
class OpenLoopDriverTest {

    private static final InetSocketAddress ANYWHERE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    @Test
    void everyDueRequestIsCountedOnceAgainstAServerThatKeepsUp() throws Exception {
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0)))) {
            OpenLoopResult result = new OpenLoopDriver(address(server), 100, 2,
                    Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(5)).run();

            // 100/s for the measured second: 100 due, the 30 of the warmup not among them
            long due = result.requests() + result.unsent();
            assertTrue(due >= 99 && due <= 101, "due " + due);
            assertEquals(due, result.due());
            assertEquals(0, result.failures(), result.errors()::toString);
            assertEquals(result.requests(), result.successes());
            assertEquals(due, result.latencyMicros().getTotalCount());
            assertEquals(due, result.sendLatenessMicros().getTotalCount());
            assertEquals(2, result.connectionsOpened(), "opened before the schedule, kept alive");
            assertTrue(Math.abs(result.achievedRate() - 100) <= 10, "achieved " + result.achievedRate());
            assertTrue(result.p50Micros() <= result.p99Micros() && result.p99Micros() <= result.maxMicros());
            assertTrue(result.clientCpuNanos() > 0, "the driver's thread CPU time");
        }
    }

    @Test
    void aDriverThatKeepsUpWithAServerIsNotDriverLimited() throws Exception {
        // The server answers after 5 ms: the flag would need the driver late by a fifth of that at its p99.
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0).withWork(Work.parse("sleep:5ms"))))) {
            OpenLoopResult result = new OpenLoopDriver(address(server), 200, 4,
                    Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(5)).run();

            assertEquals(0, result.failures(), result.errors()::toString);
            assertFalse(result.driverLimited(), "send lateness p99 " + result.sendLatenessP99Micros()
                    + " µs, latency p99 " + result.p99Micros() + " µs");
        }
    }

    @Test
    void aDriverTooSlowForItsRateIsDriverLimited() throws Exception {
        // Each send costs the driver 2 ms: at most 500 of the 1,000 requests due in the second go out,
        // ever later, while the server answers each at once.
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0)))) {
            OpenLoopResult result = new OpenLoopDriver(address(server), 1000, 4,
                    Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .slowEachSendBy(Duration.ofMillis(2)).run();

            assertTrue(result.driverLimited(), "send lateness p99 " + result.sendLatenessP99Micros() + " µs, latency p99 " + result.p99Micros() + ", unsent " + result.unsent() + ", sent " + result.requests() + ", late " + result.late());
            assertTrue(result.sendLatenessP99Micros() >= 100_000, "p99 lateness " + result.sendLatenessP99Micros());
            assertTrue(result.unsent() >= 400, "unsent " + result.unsent());
        }
    }

    @Test
    void stalledServerShowsUpInTheHighPercentilesAndUnsentRequestsEnterThem() throws Exception {
        // One connection, 40 requests/s due, each answered after a 50 ms sleep: 20/s at best.
        // A closed-loop client would report about 50 ms for every request. Measured from the
        // intended send time, request k (due at 25k ms, done at >= 50(k+1) ms) waited 25k + 50 ms
        // at least, and the last one sent before the 1 s end waited at least 525 ms.
        Duration sleep = Duration.ofMillis(50);
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0).withWork(Work.parse("sleep:50ms"))))) {
            OpenLoopResult result = new OpenLoopDriver(address(server), 40, 1,
                    Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5)).run();

            assertEquals(0, result.failures(), result.errors()::toString);
            assertTrue(result.p50Micros() >= sleep.toNanos() / 1000, "p50 " + result.p50Micros());
            assertTrue(result.p99Micros() >= 10 * sleep.toNanos() / 1000, "p99 " + result.p99Micros());
            assertTrue(result.late() > 0);
            assertEquals(40, result.due());
            assertTrue(result.unsent() >= 20, "at most 20 can be sent in 1 s, yet unsent is " + result.unsent());
            assertEquals(40, result.latencyMicros().getTotalCount(), "the unsent ones too");
            assertTrue(result.isLowerBound(99), "p99 reaches the unsent requests");
            assertFalse(result.driverLimited(), "the server, not the driver, was slow");
        }
    }

    @Test
    void aServerThatClosesEachConnectionGetsANewOneForTheNextRequest() throws Exception {
        try (Server server = started(new BlockingServer(ServerConfig.loopback(0)))) { // Connection: close on every response
            OpenLoopResult result = new OpenLoopDriver(address(server), 50, 2,
                    Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(5)).run();

            assertEquals(0, result.failures(), result.errors()::toString);
            assertTrue(result.successes() >= 24, "answered " + result.successes());
            assertTrue(result.connectionsOpened() > result.successes(), "opened " + result.connectionsOpened());
        }
    }

    @Test
    void closedPortCountsRefusalsAndEndsOnTime() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        OpenLoopResult result = new OpenLoopDriver(nobody, 50, 2,
                Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(500)).run();

        assertEquals(0, result.successes());
        assertTrue(result.requests() > 0);
        assertEquals(result.requests(), result.errors().get(Failure.REFUSED), result.errors()::toString);
        long due = result.requests() + result.unsent();
        assertTrue(due >= 24 && due <= 26, "due " + due);
        assertEquals(0, result.connectionsOpened());
        assertEquals(due, result.latencyMicros().getTotalCount(), "failed requests enter the histogram");
        assertTrue(result.isLowerBound(0.1), "every latency is a lower bound");
    }

    @Test
    void nonsenseSettingsAreRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopDriver(ANYWHERE, 0, 1, second, second, second));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopDriver(ANYWHERE, Double.NaN, 1, second, second, second));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopDriver(ANYWHERE, 10, 0, second, second, second));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopDriver(ANYWHERE, 10, 1, second.negated(), second, second));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopDriver(ANYWHERE, 10, 1, second, Duration.ZERO, second));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopDriver(ANYWHERE, 10, 1, second, second, Duration.ZERO));
    }
}
