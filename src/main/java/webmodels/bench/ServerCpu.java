package webmodels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import webmodels.load.CpuMeter;
import webmodels.model.Model;
import webmodels.model.Server;

/**
 * The CPU time (user plus system) that the server under test spends over a span: take a
 * {@link #read()} at its start and ask {@link #nanosSince} at its end. It adds up
 *
 * <ul>
 *   <li>the threads of this JVM that work for the server: those named after the model
 *       ({@code reactor-loop}, {@code thread-pool-worker-3}, {@code netty-epoll-2-1}, ...; every model
 *       names its threads so), and, for the two models that run on virtual threads
 *       ({@code virtual-threads}, {@code process-per-request}), the JDK's threads that serve them: the carrier
 *       pool ({@code ForkJoinPool-N-worker-M}; nothing else here starts a ForkJoinPool of its own, the
 *       common pool's threads are named otherwise), its timer ({@code ForkJoinPool-N-delayScheduler},
 *       sleeps and timeouts), the I/O pollers ({@code MasterPoller} on JDK 25, whose read and write
 *       pollers are virtual threads on the carriers; {@code Read-Poller}, {@code Write-Poller} on
 *       JDK 21), and the unparker of timed-out parks ({@code VirtualThread-unblocker}, JDK 21:
 *       {@code VirtualThread-unparker});</li>
 *   <li>the threads the server ended during the span, as far as it accounts for them
 *       ({@link Server#cpuNanosOfEndedThreads()}; only threads named after the model can be its);
 *       the JVM forgets the CPU time of any other thread that ends (a carrier that retires after
 *       30 s idle, say), so the part of the span it ran for is lost, and counted as nothing;</li>
 *   <li>every process this JVM started and their children, those that ended included: prefork's and
 *       process-per-request's workers, or a server forked into a JVM of its own (Linux only).</li>
 * </ul>
 *
 * Neither the client's threads nor the JVM's own work (JIT compilers, garbage collector) count:
 * for a server in this JVM the figure is its threads' work; for a forked server ({@code fork=true},
 * the basis of the default and full runs, the same for every model), its whole JVM's and children's.
 * A server at a remote target ({@link RemoteServer}) reports its whole JVM's and its children's
 * CPU time itself, through its stats port: read at each end of the span, like a forked server's.
 */
final class ServerCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String CARRIER_PREFIX = "ForkJoinPool-";
    /** The JDK's platform threads that exist only to serve virtual threads (JDK 21 to 25), besides the carriers. */
    private static final Set<String> VIRTUAL_THREAD_HELPERS = Set.of(
            "MasterPoller", "Read-Poller", "Write-Poller", "VirtualThread-unblocker", "VirtualThread-unparker");

    private final String modelName;
    private final Server server;
    private final CpuMeter children;
    private final RemoteServer remote;

    /**
     * The server's CPU clocks at one moment: each of its live threads', those named after the model
     * ({@code ownThreadNanos}: the server accounts for them when they end) apart from the JDK's that
     * serve its virtual threads ({@code jdkThreadNanos}); its ended threads'; its processes' outside
     * this JVM (child processes; a remote server's whole process tree).
     */
    record Reading(Map<Long, Long> ownThreadNanos, Map<Long, Long> jdkThreadNanos, long endedThreadsNanos,
            long childrenNanos) {
    }

    ServerCpu(String modelName, Server server) {
        this.modelName = modelName;
        this.server = server;
        this.remote = server instanceof RemoteServer r ? r : null;
        if (remote != null) {
            children = null;
            return;
        }
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            children = CpuMeter.descendants(ProcessHandle.current().pid());
        } else {
            children = null;
            System.err.println("[" + modelName + "] no /proc: the CPU time of child processes is not measured");
        }
    }

    static boolean isServerThread(String modelName, String threadName) {
        return isOwnThread(modelName, threadName) || isJdkThreadOf(modelName, threadName);
    }

    private static boolean isOwnThread(String modelName, String threadName) {
        return threadName.startsWith(modelName + "-");
    }

    /**
     * The JDK's threads that serve virtual threads count only for a model that runs on them: in a
     * JVM that ran virtual threads for anything else before (a test JVM, say), they are not another model's.
     * A server that is no model (the reference {@code c-epoll}, a process of its own) has none here.
     */
    private static boolean isJdkThreadOf(String modelName, String threadName) {
        return Model.find(modelName).map(Model::runsOnVirtualThreads).orElse(false)
                && ((threadName.startsWith(CARRIER_PREFIX)
                        && (threadName.contains("-worker-") || threadName.endsWith("-delayScheduler")))
                || VIRTUAL_THREAD_HELPERS.contains(threadName));
    }

    Reading read() {
        if (remote != null) {
            return new Reading(Map.of(), Map.of(), 0, remote.stats().cpuNanos());
        }
        Map<Long, Long> own = new HashMap<>();
        Map<Long, Long> jdk = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) { // ended since the ids were taken
                continue;
            }
            Map<Long, Long> threads = isOwnThread(modelName, info.getThreadName()) ? own
                    : isJdkThreadOf(modelName, info.getThreadName()) ? jdk : null;
            if (threads == null) { // not the server's
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) { // -1: ended just now
                threads.put(info.getThreadId(), nanos);
            }
        }
        return new Reading(own, jdk, server.cpuNanosOfEndedThreads(), children == null ? 0 : children.cpuNanos());
    }

    /** The server's CPU time from {@code start} until now, in nanoseconds. */
    long nanosSince(Reading start) {
        return between(start, read());
    }

    static long between(Reading start, Reading end) {
        long threads = grownSince(start.ownThreadNanos(), end.ownThreadNanos())
                + grownSince(start.jdkThreadNanos(), end.jdkThreadNanos());
        long ended = end.endedThreadsNanos() - start.endedThreadsNanos();
        if (ended > 0) {
            // The server counted the whole life of its threads that ended; what they had used before the span is not the span's.
            // A JDK thread that ended is in no count (the server does not account for it): nothing to take back.
            for (Map.Entry<Long, Long> thread : start.ownThreadNanos().entrySet()) {
                if (!end.ownThreadNanos().containsKey(thread.getKey())) {
                    threads -= thread.getValue();
                }
            }
        }
        return threads + ended + (end.childrenNanos() - start.childrenNanos());
    }

    /** What the threads live at the end used since the start; a thread new since counts all of its time. */
    private static long grownSince(Map<Long, Long> start, Map<Long, Long> end) {
        long grown = 0;
        for (Map.Entry<Long, Long> thread : end.entrySet()) {
            grown += thread.getValue() - start.getOrDefault(thread.getKey(), 0L);
        }
        return grown;
    }
}
