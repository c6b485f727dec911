package webmodels.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a benchmark run ran on, written beside its JMH JSON as {@code <base>.machine.json},
 * so that no number is read without the hardware, OS and JDK that produced it. Run by
 * {@code run-bench.sh} with the JDK that runs the benchmarks:
 * <pre>
 *   java -cp target/benchmarks.jar webmodels.bench.MachineFacts OUT.json GIT_COMMIT JVM_FLAGS COMMAND
 * </pre>
 */
public final class MachineFacts {

    private MachineFacts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: MachineFacts OUT.json GIT_COMMIT JVM_FLAGS COMMAND");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), toJson(collect(args[1], args[2], args[3])), StandardCharsets.UTF_8);
    }

    /** The facts in the order of the agreed format. */
    static Map<String, Object> collect(String gitCommit, String jvmFlags, String command) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("cpuModel", cpuModel());
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("memoryBytes", memoryBytes());
        facts.put("os", os());
        facts.put("kernel", System.getProperty("os.version"));
        facts.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")");
        facts.put("jvmFlags", jvmFlags);
        facts.put("gitCommit", gitCommit);
        facts.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("command", command);
        return facts;
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

    static String toJson(Map<String, Object> facts) {
        StringBuilder json = new StringBuilder("{\n");
        facts.forEach((name, value) -> {
            json.append(json.length() > 2 ? ",\n" : "").append("  ").append(quote(name)).append(": ");
            json.append(value instanceof Number ? value.toString() : quote(String.valueOf(value)));
        });
        return json.append("\n}\n").toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
