package webmodels.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time spent by one part of the machine, so that a benchmark can put CPU per request beside
 * its latencies. {@link #cpuNanos()} is a running total (user plus system time): measure a span
 * as the difference of two readings. Three selections, each with what it cannot see:
 *
 * <ul>
 *   <li>{@link #threads}: live platform threads of this JVM whose name matches, via
 *       {@link ThreadMXBean}. A thread that ends takes its CPU time with it (the JVM keeps no
 *       record of it), so a total can even go down; models whose threads come and go
 *       (thread-per-connection, a pool that shrinks) are better measured as a process. Virtual
 *       threads have no CPU time of their own: their work is billed to their carrier threads
 *       ({@code ForkJoinPool-N-worker-M}).</li>
 *   <li>{@link #thisProcess}: the whole JVM, via
 *       {@code com.sun.management.OperatingSystemMXBean.getProcessCpuTime()}, ended threads
 *       included, but also the JIT, the GC and any client running in the same JVM.</li>
 *   <li>{@link #process}: another process by pid, from Linux's {@code /proc/<pid>/stat}, in clock
 *       ticks (10 ms on nearly every system: short spans are coarse). With descendants, the sum
 *       over the live process tree of each process's own time and that of the children it has
 *       already reaped ({@code cutime}, {@code cstime}), so children that ended still count once
 *       their parent has waited for them; an orphan adopted outside the tree is lost.</li>
 *   <li>{@link #descendants}: the same tree without the process itself, so that a JVM can measure
 *       the children it starts (a forked server, a model's worker processes) apart from its own
 *       threads, children that come and go included.</li>
 * </ul>
 */
public final class CpuMeter {

    private final String description;
    private final LongSupplier reading;

    private CpuMeter(String description, LongSupplier reading) {
        this.description = description;
        this.reading = reading;
    }

    /** The live platform threads of this JVM whose name matches, at each reading. */
    public static CpuMeter threads(Predicate<String> threadName) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("this JVM cannot measure the CPU time of its threads");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return new CpuMeter("threads of this JVM", () -> {
            long total = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && threadName.test(info.getThreadName())) { // null: ended since the ids were taken
                    total += Math.max(0, threads.getThreadCpuTime(info.getThreadId())); // -1: ended just now
                }
            }
            return total;
        });
    }

    /** This whole JVM, ended threads included. */
    public static CpuMeter thisProcess() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            throw new UnsupportedOperationException("this JVM cannot measure its process CPU time");
        }
        return new CpuMeter("this JVM", os::getProcessCpuTime);
    }

    /**
     * Another process of this machine (Linux only), and its descendants if asked.
     * A reading throws {@link IllegalStateException} once the process itself has ended.
     */
    public static CpuMeter process(long pid, boolean withDescendants) {
        if (!Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            throw new IllegalArgumentException("no process " + pid + " in /proc (only Linux is supported)");
        }
        long nanosPerTick = Ticks.NANOS_PER_TICK;
        return new CpuMeter("process " + pid + (withDescendants ? " and its descendants" : ""), () -> {
            long ticks = withDescendants ? treeTicks(pid) : ownTicks(pid);
            return ticks * nanosPerTick;
        });
    }

    /**
     * The descendants of a process (Linux only), not the process itself: every live descendant's
     * own time and that of the children it has reaped, plus the children the process itself has
     * reaped ({@code cutime}, {@code cstime}). The JVM waits for every child it starts, so a child
     * that ended between two readings still counts. A reading throws {@link IllegalStateException}
     * once the process itself has ended.
     */
    public static CpuMeter descendants(long pid) {
        ProcessHandle root = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalArgumentException("no process " + pid));
        if (!Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            throw new IllegalArgumentException("no process " + pid + " in /proc (only Linux is supported)");
        }
        long nanosPerTick = Ticks.NANOS_PER_TICK;
        return new CpuMeter("descendants of process " + pid, () -> descendantTicks(root) * nanosPerTick);
    }

    /** CPU time used so far by the selection, in nanoseconds. */
    public long cpuNanos() {
        return reading.getAsLong();
    }

    @Override
    public String toString() {
        return "CPU of " + description;
    }

    private static long ownTicks(long pid) {
        Stat stat = Stat.read(pid);
        if (stat == null) {
            throw new IllegalStateException("process " + pid + " has ended");
        }
        return stat.utime + stat.stime;
    }

    private static long treeTicks(long root) {
        Map<Long, List<Stat>> childrenByParent = new HashMap<>();
        Stat rootStat = null;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Stat stat = Stat.read(Long.parseLong(name));
                if (stat == null) {
                    continue; // ended while we listed: its parent's cutime will hold it once reaped
                }
                if (stat.pid == root) {
                    rootStat = stat;
                }
                childrenByParent.computeIfAbsent(stat.ppid, parent -> new ArrayList<>()).add(stat);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        if (rootStat == null) {
            throw new IllegalStateException("process " + root + " has ended");
        }
        long total = 0;
        Deque<Stat> pending = new ArrayDeque<>(List.of(rootStat));
        while (!pending.isEmpty()) {
            Stat stat = pending.pop();
            total += stat.utime + stat.stime + stat.cutime + stat.cstime;
            pending.addAll(childrenByParent.getOrDefault(stat.pid, List.of()));
        }
        return total;
    }

    private static long descendantTicks(ProcessHandle root) {
        Stat rootStat = Stat.read(root.pid()); // before the listing: a child reaped after it is then in neither
        if (rootStat == null) {
            throw new IllegalStateException("process " + root.pid() + " has ended");
        }
        long total = rootStat.cutime + rootStat.cstime;
        for (ProcessHandle descendant : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            Stat stat = Stat.read(descendant.pid());
            if (stat != null) { // null: ended since the listing; its parent's cutime holds it once reaped
                total += stat.utime + stat.stime + stat.cutime + stat.cstime;
            }
        }
        return total;
    }

    /** The fields we need of {@code /proc/<pid>/stat} (see proc(5)); times in clock ticks. */
    private record Stat(long pid, long ppid, long utime, long stime, long cutime, long cstime) {

        /** The process's stat, or null when it has ended. */
        static Stat read(long pid) {
            String text;
            try {
                text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                return null; // NoSuchFile, or ESRCH when it ended between open and read
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so cut at the last ')'
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 of proc(5) (state): field n is fields[n - 3]
            return new Stat(pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14]));
        }
    }

    /** The kernel's clock tick (USER_HZ), asked once of getconf. */
    private static final class Ticks {

        static final long NANOS_PER_TICK = 1_000_000_000L / ticksPerSecond();

        private static long ticksPerSecond() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                    long value = Long.parseLong(new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
                    if (value > 0) {
                        return value;
                    }
                }
                getconf.destroyForcibly();
            } catch (IOException | NumberFormatException e) {
                // no getconf: fall through to the value Linux uses on every common architecture
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 100; // USER_HZ, which the kernel reports to user space whatever its internal HZ
        }
    }
}
