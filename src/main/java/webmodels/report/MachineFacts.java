package webmodels.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The {@code <base>.machine.json} written beside a result file: the machine, JDK and command
 * behind the numbers. Known fields get readable labels; unknown ones are shown as they are.
 */
record MachineFacts(Map<String, String> facts, String command) {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("cpuModel", "CPU"), Map.entry("cpus", "CPUs"), Map.entry("memoryBytes", "memory"),
            Map.entry("os", "OS"), Map.entry("kernel", "kernel"), Map.entry("jdk", "JDK"),
            Map.entry("clientCpus", "client pinned to CPUs"), Map.entry("clientCpusAllowed", "client may run on CPUs"),
            Map.entry("serverCpus", "server pinned to CPUs"), Map.entry("target", "server at (target)"),
            Map.entry("targetStats", "server's stats port"), Map.entry("serverHost", "server host"),
            Map.entry("server", "server runs"),
            Map.entry("jvmFlags", "JVM flags"), Map.entry("gitCommit", "git commit"), Map.entry("date", "date"));
    /** The benchmark's host first; where client and server ran (pinning, a second host) after it. */
    private static final List<String> ORDER = List.of(
            "cpuModel", "cpus", "memoryBytes", "os", "kernel", "jdk", "clientCpus", "clientCpusAllowed", "serverCpus",
            "target", "targetStats", "serverHost", "server", "jvmFlags", "gitCommit", "date");

    static final MachineFacts NONE = new MachineFacts(Map.of(), "");

    /** {@code jmh-results/X.json} -> {@code jmh-results/X.machine.json}. */
    static Path besideResults(Path resultFile) {
        String name = resultFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return resultFile.resolveSibling(base + ".machine.json");
    }

    /** The facts for a result file, NONE when there is no machine file beside it. */
    static MachineFacts forResults(Path resultFile) throws IOException {
        Path file = besideResults(resultFile);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static MachineFacts parse(String json) {
        JsonNode object = JmhResults.object(Json.parse(json), "the machine file");
        Map<String, String> facts = new LinkedHashMap<>();
        for (String key : ORDER) {
            if (object.has(key)) {
                facts.put(LABELS.get(key), text(key, object.get(key)));
            }
        }
        object.properties().forEach(field -> {
            if (!ORDER.contains(field.getKey()) && !field.getKey().equals("command")) {
                facts.put(field.getKey(), text(field.getKey(), field.getValue()));
            }
        });
        JsonNode command = object.get("command");
        return new MachineFacts(facts, command == null || command.isNull() ? "" : text("command", command));
    }

    private static String text(String key, JsonNode value) {
        if (key.equals("memoryBytes") && value.isNumber()) {
            return String.format(Locale.ROOT, "%.1f GiB", value.doubleValue() / (1L << 30));
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(v -> text("", v))
                    .collect(Collectors.joining(" "));
        }
        if (value.isObject()) {
            return value.properties().stream().map(e -> e.getKey() + "=" + text(e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
