package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwoHostsCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MACHINE = """
            {"cpuModel": "AMD EPYC", "cpus": 2, "memoryBytes": 1, "kernel": "6.18", "jdk": "25",
             "serverHost": {"cpuModel": "AMD EPYC", "cpus": 2, "memoryBytes": 1, "kernel": "6.18", "jdk": "25"},
             "server": {"model": "reactor", "options": {"spins": "100"}}}
            """;

    @Test
    void aCleanRunAgainstTheTargetPasses() throws Exception {
        List<String> report = new ArrayList<>();

        List<String> problems = TwoHostsCheck.check(results(1000, 0, 20_000_000, "10.0.0.1:9527"), JSON.readTree(MACHINE),
                "reactor", Map.of("spins", "100"), report);

        assertEquals(List.of(), problems);
        assertTrue(report.getFirst().contains("server CPU    20.0 us/request"), report.getFirst());
    }

    @Test
    void failuresMissingCpuAWrongModelOrOptionsAndAMissingHostFail() throws Exception {
        JsonNode machine = JSON.readTree(MACHINE.replace("\"kernel\": \"6.18\", \"jdk\": \"25\"}", "\"jdk\": \"25\"}"));

        List<String> problems = TwoHostsCheck.check(results(1000, 3, 0, ""), machine, "thread-pool", Map.of("spins", "50"),
                new ArrayList<>());

        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("no target"), problems.get(0));
        assertTrue(problems.get(1).contains("3 of 1000 requests failed"), problems.get(1));
        assertTrue(problems.get(2).contains("server CPU per request 0.0 ns"), problems.get(2));
        assertTrue(problems.get(3).contains("runs 'reactor', not thread-pool"), problems.get(3));
        assertTrue(problems.get(4).contains("{spins=100} are not those serve was given: {spins=50}"), problems.get(4));
        assertTrue(problems.get(5).contains("the server's host has no kernel"), problems.get(5));
    }

    private static JsonNode results(double requests, double failures, double serverCpuNanos, String target) throws Exception {
        return JSON.readTree("""
                [{"benchmark": "webmodels.bench.models.ReactorBenchmark.selectorKeepAlive", "mode": "thrpt",
                  "params": {"target": "%s"},
                  "secondaryMetrics": {"requests": {"score": %s}, "failures": {"score": %s}, "serverCpuNanos": {"score": %s}}}]
                """.formatted(target, requests, failures, serverCpuNanos));
    }
}
