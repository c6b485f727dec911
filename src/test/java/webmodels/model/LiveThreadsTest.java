package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leak check of the restart tests must see what it is there to see, virtual threads included. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LiveThreadsTest {

    @Test
    void seesThreadsStartedSinceASnapshotUntilTheyEnd() throws InterruptedException {
        Map<Long, String> before = LiveThreads.now();
        CountDownLatch release = new CountDownLatch(1);
        Runnable waiting = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread platform = Thread.ofPlatform().name("leak-check-platform").start(waiting);
        Thread virtual = Thread.ofVirtual().name("leak-check-virtual").start(waiting);
        try {
            List<String> started = LiveThreads.startedSince(before);
            assertTrue(started.contains("leak-check-platform"), started.toString());
            assertTrue(started.contains("leak-check-virtual"), started.toString());
        } finally {
            release.countDown();
            platform.join();
            virtual.join();
        }
        assertEquals(List.of(), LiveThreads.startedSince(before).stream().filter(name -> name.startsWith("leak-check")).toList());
    }
}
