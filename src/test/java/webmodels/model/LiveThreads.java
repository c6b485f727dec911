package webmodels.model;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The threads alive in this JVM, virtual ones included (which {@link Thread#getAllStackTraces()}
 * leaves out), read from the JVM's JSON thread dump: the tests use it to prove that a closed
 * server left no thread behind.
 */
final class LiveThreads {

    /**
     * Threads that the JVM or a library starts once per process and keeps, whoever caused them:
     * the virtual-thread scheduler and its I/O pollers, the process reaper, JUnit's timeout
     * watcher, Netty's global executors. A server is not expected to end these.
     */
    private static final List<String> PROCESS_WIDE = List.of(
            "ForkJoinPool", "VirtualThread-", "MasterPoller", "SubPoller-", "Read-Poller", "Write-Poller",
            "process reaper", "Common-Cleaner", "Attach Listener", "Notification Thread", "junit-", "surefire",
            "globalEventExecutor", "ObjectCleanerThread");

    private static final Pattern TID = Pattern.compile("\"tid\"\\s*:\\s*\"?(\\d+)");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private LiveThreads() {
    }

    /** Thread id to name, for every live thread, platform and virtual. */
    static Map<Long, String> now() {
        try {
            Path dump = Files.createTempFile("threads", ".json");
            try {
                Files.delete(dump); // dumpThreads refuses to overwrite
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return parse(Files.readString(dump));
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of live threads that were not alive in {@code before}, process-wide ones excepted. */
    static List<String> startedSince(Map<Long, String> before) {
        return now().entrySet().stream()
                .filter(thread -> !before.containsKey(thread.getKey()))
                .map(Map.Entry::getValue)
                .filter(name -> PROCESS_WIDE.stream().noneMatch(name::startsWith))
                .sorted()
                .toList();
    }

    /**
     * Threads started since {@code before} that are still alive after a moment: a closed server has
     * joined its threads, but a pool's worker may still be between signalling its end and returning.
     */
    static List<String> leftSince(Map<Long, String> before) throws InterruptedException {
        List<String> left = startedSince(before);
        for (int i = 0; i < 20 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left = startedSince(before);
        }
        return left;
    }

    private static Map<Long, String> parse(String json) {
        Map<Long, String> threads = new HashMap<>();
        Matcher tid = TID.matcher(json);
        Matcher name = NAME.matcher(json);
        while (tid.find()) {
            if (name.find(tid.end())) {
                threads.put(Long.parseLong(tid.group(1)), name.group(1).replace("\\/", "/"));
            }
        }
        if (threads.isEmpty()) {
            throw new IllegalStateException("no thread found in the thread dump; has its format changed?");
        }
        return threads;
    }
}
