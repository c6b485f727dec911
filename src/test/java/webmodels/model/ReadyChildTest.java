package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handshake with a serving child ({@code prefork}'s workers, {@link ForkedServer}'s server). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadyChildTest {

    @Test
    void aChildThatNeverSaysReadyFailsByTheDeadline() throws Exception {
        ReadyChild silent = ReadyChild.start(List.of("sh", "-c", "echo starting >&2; exec sleep 30"), "silent child", false);
        try {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> silent.awaitReady(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "the wait outlived its deadline by far");
            assertTrue(e.getMessage().contains("not ready in time"), e.getMessage());
        } finally {
            ChildJvm.stopAll(List.of(silent.process));
            silent.release();
        }
    }

    @Test
    void readsThePortAndTheLinesAfterIt() throws Exception {
        ReadyChild child = ReadyChild.start(List.of("sh", "-c", "echo READY 4242; read line; echo \"got $line\""), "echoing child", false);
        try {
            assertEquals(4242, child.awaitReady(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
            child.send("footprint");
            assertEquals("got footprint", child.nextLine(Duration.ofSeconds(10)));
        } finally {
            ChildJvm.stopAll(List.of(child.process));
            child.release();
        }
    }

    @Test
    void aChildThatExitsFailsWithItsStderr() throws Exception {
        ReadyChild failing = ReadyChild.start(List.of("sh", "-c", "echo cannot listen >&2; exit 3"), "failing child", false);
        try {
            IOException e = assertThrows(IOException.class, () -> failing.awaitReady(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
            assertTrue(e.getMessage().contains("exit code 3") && e.getMessage().contains("cannot listen"), e.getMessage());
        } finally {
            failing.release();
        }
    }
}
