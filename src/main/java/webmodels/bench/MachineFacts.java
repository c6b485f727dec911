package webmodels.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webmodels.load.Targets;
import webmodels.stats.HostFacts;
import webmodels.stats.ServerStats;
import webmodels.stats.StatsClient;

/**
 * The machine a benchmark run ran on, written beside its JMH JSON as {@code <base>.machine.json},
 * so that no number is read without the hardware, OS and JDK that produced it. Run by
 * {@code run-bench.sh} with the JDK that runs the benchmarks:
 * <pre>
 *   java -cp target/benchmarks.jar webmodels.bench.MachineFacts OUT.json GIT_COMMIT JVM_FLAGS COMMAND [NAME=VALUE ...]
 * </pre>
 * The optional {@code NAME=VALUE}s record how the run was placed: {@code clientCpus} and
 * {@code serverCpus} (pinning), {@code target} and {@code targetStats} (a server on another host).
 * With a target, the server's host facts and the model, options and work it runs are read from its
 * stats port and written as {@code serverHost} and {@code server}: the file then names both hosts.
 * It also records {@code clientCpusAllowed}, the CPUs the benchmark JVM may use, which shows a pinning.
 */
public final class MachineFacts {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> PLACEMENT = List.of("clientCpus", "serverCpus", "target", "targetStats");

    private MachineFacts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: MachineFacts OUT.json GIT_COMMIT JVM_FLAGS COMMAND [clientCpus=L] [serverCpus=L] [target=H:P] [targetStats=H:P]");
            System.exit(2);
        }
        Map<String, Object> facts = collect(args[1], args[2], args[3]);
        try {
            placement(facts, Arrays.asList(args).subList(4, args.length));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("MachineFacts: " + e.getMessage());
            System.exit(1);
        }
        Files.writeString(Path.of(args[0]), toJson(facts), StandardCharsets.UTF_8);
    }

    /** The facts in the order of the agreed format. */
    static Map<String, Object> collect(String gitCommit, String jvmFlags, String command) {
        Map<String, Object> facts = new LinkedHashMap<>(HostFacts.collect());
        facts.put("jvmFlags", jvmFlags);
        facts.put("gitCommit", gitCommit);
        facts.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("command", command);
        return facts;
    }

    /**
     * Adds where client and server ran: the {@code NAME=VALUE}s given (empty values left out), the
     * CPUs this JVM may use, and with a target, what its stats port says of its host and model.
     */
    static void placement(Map<String, Object> facts, List<String> namesAndValues) throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        for (String nameAndValue : namesAndValues) {
            int equals = nameAndValue.indexOf('=');
            String name = equals < 0 ? nameAndValue : nameAndValue.substring(0, equals);
            if (equals < 0 || !PLACEMENT.contains(name)) {
                throw new IllegalArgumentException("expected one of " + PLACEMENT + " as NAME=VALUE, not: " + nameAndValue);
            }
            if (equals < nameAndValue.length() - 1) {
                given.put(name, nameAndValue.substring(equals + 1));
            }
        }
        facts.putAll(given);
        String allowed = HostFacts.cpusAllowed();
        if (allowed != null) {
            facts.put("clientCpusAllowed", allowed);
        }
        String target = given.get("target");
        if (target != null) {
            InetSocketAddress targetAddress = Targets.parse(target, "target=" + target);
            String stats = given.get("targetStats");
            InetSocketAddress statsAddress = stats != null ? Targets.parse(stats, "targetStats=" + stats)
                    : new InetSocketAddress(targetAddress.getAddress(), targetAddress.getPort() + 1);
            ServerStats server = new StatsClient(statsAddress).read();
            facts.put("serverHost", server.host());
            Map<String, Object> runs = new LinkedHashMap<>();
            runs.put("model", server.model());
            runs.put("options", server.options());
            runs.put("work", server.work());
            runs.put("limits", server.limits());
            runs.put("port", server.port());
            facts.put("server", runs);
        }
    }

    static String toJson(Map<String, Object> facts) {
        try {
            return JSON.writeValueAsString(facts) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts of plain values cannot fail to serialize", e);
        }
    }
}
