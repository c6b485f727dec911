package webmodels.stats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host this JVM runs on: CPU model, cores, memory, OS, kernel, JDK, and the CPUs this process
 * may run on. The benchmarks write them beside every result ({@code webmodels.bench.MachineFacts});
 * {@code serve --stats-port} reports them for the server's host, so that a run across two hosts
 * names both.
 */
public final class HostFacts {

    private HostFacts() {
    }

    /** The facts, in the order of the machine file's format. */
    public static Map<String, Object> collect() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("cpuModel", cpuModel());
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("memoryBytes", memoryBytes());
        facts.put("os", os());
        facts.put("kernel", System.getProperty("os.version"));
        facts.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")");
        return facts;
    }

    /**
     * The CPUs this process may run on ({@code Cpus_allowed_list} of {@code /proc/self/status}, e.g.
     * {@code 0-1}), which shows a pinning by {@code taskset}; null when not on Linux.
     */
    public static String cpusAllowed() {
        for (String line : linesOf("/proc/self/status")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        return null;
    }

    private static String cpuModel() {
        for (String line : linesOf("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /** The memory this JVM sees: the machine's, or the container's limit. */
    private static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String os() {
        for (String line : linesOf("/etc/os-release")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static List<String> linesOf(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // not Linux, or not readable: the callers fall back to system properties
        }
    }
}
