package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spins briefly on purpose; asserts only that CPU time appears and grows, never how much. */
@Timeout(30)
class CpuMeterTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static volatile boolean spin;
    private static volatile long sink;

    @Test
    void spinningThreadAccumulatesCpu() throws Exception {
        CpuMeter meter = CpuMeter.threads(name -> name.equals("cpu-meter-spinner"));
        spin = true;
        Thread spinner = Thread.ofPlatform().name("cpu-meter-spinner").daemon().start(CpuMeterTest::spinWhileAsked);
        try {
            long first = eventuallyAbove(meter::cpuNanos, 0);
            eventuallyAbove(meter::cpuNanos, first);
        } finally {
            spin = false;
            spinner.join(5_000);
        }
    }

    @Test
    void threadsThatDoNotMatchCountNothing() {
        assertEquals(0, CpuMeter.threads(name -> name.equals("no thread has this name")).cpuNanos());
    }

    @Test
    void thisProcessHasUsedCpu() {
        assertTrue(CpuMeter.thisProcess().cpuNanos() > 0);
    }

    @Test
    void spinningProcessAccumulatesCpu() throws Exception {
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            CpuMeter meter = CpuMeter.process(spinner.pid(), false);
            long first = eventuallyAbove(meter::cpuNanos, 0);
            eventuallyAbove(meter::cpuNanos, first);
        } finally {
            stop(spinner);
        }
    }

    @Test
    void descendantsCountWhenAsked() throws Exception {
        // the parent only waits; its child spins
        Process parent = new ProcessBuilder("sh", "-c", "(while :; do :; done) & wait").start();
        try {
            CpuMeter own = CpuMeter.process(parent.pid(), false);
            CpuMeter tree = CpuMeter.process(parent.pid(), true);
            eventuallyAbove(() -> tree.cpuNanos() - own.cpuNanos(), TimeUnit.MILLISECONDS.toNanos(50));
        } finally {
            stop(parent);
        }
    }

    @Test
    void descendantsOfThisJvmCountAChildThatSpinsAndEnds() throws Exception {
        CpuMeter children = CpuMeter.descendants(ProcessHandle.current().pid());
        long before = children.cpuNanos();
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        long whileAlive;
        try {
            whileAlive = eventuallyAbove(children::cpuNanos, before);
        } finally {
            stop(spinner);
        }
        // ended and reaped by the JVM: its time moved to this JVM's cutime, and still counts
        assertTrue(children.cpuNanos() >= whileAlive);
    }

    @Test
    void descendantsLeaveOutTheProcessItself() throws Exception {
        CpuMeter children = CpuMeter.descendants(ProcessHandle.current().pid());
        CpuMeter itself = CpuMeter.thisProcess();
        long childrenBefore = children.cpuNanos();
        long itselfBefore = itself.cpuNanos();
        long x = 1;
        while (itself.cpuNanos() - itselfBefore < TimeUnit.MILLISECONDS.toNanos(100)) { // this JVM spins, no child runs
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
        assertEquals(childrenBefore, children.cpuNanos());
    }

    @Test
    void endedProcessIsReportedNotReadAsZero() throws Exception {
        Process waiting = new ProcessBuilder("sh", "-c", "read line").start();
        CpuMeter meter = CpuMeter.process(waiting.pid(), false);
        waiting.getOutputStream().close(); // end of input: read returns and sh exits
        assertTrue(waiting.waitFor(10, TimeUnit.SECONDS));
        // the JVM reaps its children at once, so /proc forgets the process
        eventually(() -> {
            try {
                meter.cpuNanos();
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        });
    }

    @Test
    void unknownProcessIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuMeter.process(Long.MAX_VALUE, false));
    }

    private static void spinWhileAsked() {
        long x = 1;
        while (spin) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }

    /** Waits (bounded) until the reading exceeds {@code floor}; returns that reading. */
    private static long eventuallyAbove(LongSupplier reading, long floor) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        long value;
        while ((value = reading.getAsLong()) <= floor) {
            assertTrue(System.nanoTime() < deadline, "still " + value + " <= " + floor);
            Thread.sleep(20);
        }
        return value;
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition never held");
            Thread.sleep(20);
        }
    }

    /** Ends the process we started and its children, by handle. */
    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
