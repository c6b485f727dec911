package webmodels.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server costs while it runs: OS threads and resident memory of its process tree (from
 * {@code /proc}, so child processes and the JVM's own GC and JIT threads count too), and the
 * Java heap in use after a full collection.
 *
 * @param processes number of processes measured (the server and its children)
 * @param threads   OS threads of those processes
 * @param rssBytes  resident set size of those processes
 * @param heapBytes heap used after {@code System.gc()} in the measuring JVM; -1 when not measured
 */
public record Footprint(int processes, long threads, long rssBytes, long heapBytes) {

    /** Measures this JVM and its descendants, after a full collection. */
    public static Footprint ofThisJvm() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Footprint tree = ofProcessTree(ProcessHandle.current());
        return new Footprint(tree.processes, tree.threads, tree.rssBytes, heap);
    }

    /** Measures a process and its descendants from {@code /proc}; the heap is not known from outside. */
    public static Footprint ofProcessTree(ProcessHandle root) {
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(root);
        root.descendants().forEach(processes::add);
        int counted = 0;
        long threads = 0;
        long rss = 0;
        for (ProcessHandle process : processes) {
            long[] status = readStatus(process.pid());
            if (status != null) {
                counted++;
                threads += status[0];
                rss += status[1];
            }
        }
        return new Footprint(counted, threads, rss, -1);
    }

    /** {threads, rss bytes} from /proc/PID/status, or null when the process is gone. */
    private static long[] readStatus(long pid) {
        try {
            long threads = 0;
            long rssKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.substring(8).trim());
                } else if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
            return new long[] {threads, rssKb * 1024};
        } catch (IOException | NumberFormatException e) {
            return null; // exited while we looked, or not Linux
        }
    }

    public Footprint withHeap(long heap) {
        return new Footprint(processes, threads, rssBytes, heap);
    }

    /** One line of JSON, the form a forked server reports itself in. */
    public String toJson() {
        return "{\"processes\":" + processes + ",\"threads\":" + threads + ",\"rssBytes\":" + rssBytes + ",\"heapBytes\":" + heapBytes + "}";
    }

    public static Footprint fromJson(String json) {
        return new Footprint((int) field(json, "processes"), field(json, "threads"), field(json, "rssBytes"), field(json, "heapBytes"));
    }

    private static long field(String json, String name) {
        String key = "\"" + name + "\":";
        int start = json.indexOf(key);
        if (start < 0) {
            throw new IllegalArgumentException("no " + name + " in " + json);
        }
        start += key.length();
        int end = start;
        while (end < json.length() && (json.charAt(end) == '-' || Character.isDigit(json.charAt(end)))) {
            end++;
        }
        return Long.parseLong(json.substring(start, end));
    }
}
