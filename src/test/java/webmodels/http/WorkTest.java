package webmodels.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WorkTest {

    @Test
    void parsesNone() {
        assertEquals(Work.NONE, Work.parse("none"));
        assertEquals(Work.NONE, Work.parse(" NONE "));
    }

    @Test
    void parsesCpuWork() {
        assertEquals(new Work(Work.Kind.CPU, Duration.ofNanos(50_000)), Work.parse("cpu:50us"));
    }

    @Test
    void parsesSleepWork() {
        assertEquals(new Work(Work.Kind.SLEEP, Duration.ofMillis(1)), Work.parse("sleep:1ms"));
    }

    @Test
    void parsesEveryUnit() {
        assertEquals(Duration.ofNanos(100), Work.parseDuration("100ns"));
        assertEquals(Duration.ofNanos(7_000), Work.parseDuration("7us"));
        assertEquals(Duration.ofMillis(250), Work.parseDuration("250ms"));
        assertEquals(Duration.ofSeconds(2), Work.parseDuration("2s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "cpu", "cpu:", "cpu:50", "cpu:fast", "cpu:-5us", "cpu:5min",
            "sleep:1h", "nap:1ms", ":1ms", "cpu:1.5ms", "cpu:99999999999999999s", "none:1ms"})
    void rejectsGarbage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Work.parse(text));
        assertEquals(true, e.getMessage().contains("none, cpu:DURATION or sleep:DURATION"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ms", "5", "5 ms", "-1ms", "1.5s", "9223372036854775807s"})
    void parseDurationReturnsNullForGarbage(String text) {
        assertNull(Work.parseDuration(text));
    }

    @Test
    void writesItselfTheWayItIsParsed() {
        for (String text : new String[] {"none", "cpu:50us", "sleep:1000us"}) {
            assertEquals(text, Work.parse(text).toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "cpu:100ns", "cpu:1500ns", "cpu:50us", "sleep:1ms", "sleep:2s"})
    void writesItselfSoThatItParsesBackToTheSameWork(String text) {
        Work work = Work.parse(text);
        assertEquals(work, Work.parse(work.toString()), work.toString());
    }

    /**
     * A lower bound on elapsed time is behaviour, not a timing assertion that load can break: work
     * of a stated length takes at least that long on any machine (it may take more).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu:10us", "cpu:10ms", "sleep:1ms", "sleep:10ms"})
    void takesAtLeastItsStatedTime(String text) {
        Work work = Work.parse(text);
        long start = System.nanoTime();
        work.perform();
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= work.duration().toNanos(), text + " returned after " + elapsed + " ns");
    }

    @Test
    void noWorkReturns() {
        Work.NONE.perform(); // nothing to wait for: the class timeout catches a NONE that blocks
    }
}
