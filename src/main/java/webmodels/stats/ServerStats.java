package webmodels.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import webmodels.http.Limits;
import webmodels.load.CpuMeter;
import webmodels.model.Footprint;
import webmodels.model.ServerConfig;

/**
 * What {@code serve --stats-port} reports about the server it runs ({@link StatsEndpoint}), and what
 * a benchmark on another host reads back ({@link StatsClient}): which model with which options, and
 * what it has cost so far.
 *
 * @param format          always {@link #FORMAT}, so that another service's JSON is not taken for ours
 * @param model           the model's name, as in the CLI and the benchmarks
 * @param options         the model's options as {@code serve} was given them (absent: the model's default)
 * @param work            the handler's work: none, cpu:DURATION or sleep:DURATION
 * @param limits          the codec's limits; {@code requestTimeoutMillis} for the timeout
 * @param port            the port the model serves on
 * @param cpuNanos        CPU time (user plus system) of the server's process and its children so far
 * @param processCpuNanos the part of {@code cpuNanos} spent by the server's JVM itself (JIT and GC included)
 * @param childCpuNanos   the part spent by child processes (prefork's and process-per-request's workers)
 * @param processes       the server's process and its live descendants
 * @param threads         OS threads of those processes
 * @param rssBytes        their resident memory
 * @param heapUsedBytes   the server JVM's heap in use now
 * @param heapAfterGcBytes the heap each pool held after its latest collection, summed: no GC is forced to read it
 * @param openConnections established TCP connections on {@code port}, in the server's network namespace
 * @param host            the server host's facts ({@link HostFacts}) and the CPUs the server may use
 */
public record ServerStats(String format, String model, Map<String, String> options, String work,
                          Map<String, Long> limits, int port, long cpuNanos, long processCpuNanos, long childCpuNanos,
                          int processes, long threads, long rssBytes, long heapUsedBytes, long heapAfterGcBytes,
                          long openConnections, Map<String, Object> host) {

    public static final String FORMAT = "webmodels-stats/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ServerStats {
        options = Collections.unmodifiableMap(new TreeMap<>(options));
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        host = Collections.unmodifiableMap(new LinkedHashMap<>(host));
    }

    /** This JVM's figures, for the server of {@code model} that it runs on {@code port}. */
    static ServerStats ofThisJvm(String model, ServerConfig config, int port, CpuMeter children) {
        long processCpu = thisProcessCpuNanos();
        long childCpu = children.cpuNanos();
        Footprint tree = Footprint.ofProcessTree(ProcessHandle.current());
        Map<String, Object> host = HostFacts.collect();
        host.put("cpusAllowed", String.valueOf(HostFacts.cpusAllowed()));
        return new ServerStats(FORMAT, model, new TreeMap<>(config.options()), config.work().toString(),
                limitsOf(config.limits()), port, processCpu + childCpu, processCpu, childCpu,
                tree.processes(), tree.threads(), tree.rssBytes(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), heapAfterGc(),
                establishedConnections(port), host);
    }

    /** The server's footprint as {@code webmodels.bench.FootprintProfiler} reports it, heap after the latest collections. */
    public Footprint footprint() {
        return new Footprint(processes, threads, rssBytes, heapAfterGcBytes);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats of plain values cannot fail to serialize", e);
        }
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when {@code json} is not the stats of a webmodels server
     */
    public static ServerStats fromJson(String json) {
        ServerStats stats;
        try {
            stats = JSON.readValue(json, ServerStats.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not webmodels stats JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (!FORMAT.equals(stats.format())) {
            throw new IllegalArgumentException("stats in format " + stats.format() + ", not " + FORMAT);
        }
        return stats;
    }

    private static Map<String, Long> limitsOf(Limits limits) {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("maxTargetLength", (long) limits.maxTargetLength());
        map.put("maxHeaderBytes", (long) limits.maxHeaderBytes());
        map.put("maxHeaderCount", (long) limits.maxHeaderCount());
        map.put("maxBodyBytes", limits.maxBodyBytes());
        map.put("requestTimeoutMillis", limits.requestTimeout().toMillis());
        return map;
    }

    private static long thisProcessCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long heapAfterGc() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterCollection != null) { // null: the pool is not collected, or not heap
                total += afterCollection.getUsed();
            }
        }
        return total;
    }

    /**
     * Established TCP connections whose local port is {@code port}, from {@code /proc/net/tcp} and
     * {@code tcp6} (state 01); -1 when they cannot be read (not Linux).
     */
    static long establishedConnections(int port) {
        String localPort = ":" + String.format(Locale.ROOT, "%04X", port);
        long count = 0;
        boolean read = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue; // no IPv6, or not Linux: the other table still counts
            }
            read = true;
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(localPort) && fields[3].equals("01")) {
                    count++;
                }
            }
        }
        return read ? count : -1;
    }
}
