package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;
import webmodels.stats.StatsEndpoint;

class MachineFactsTest {

    @Test
    void factsHaveTheAgreedFieldsInOrder() {
        Map<String, Object> facts = MachineFacts.collect("abc123", "--enable-native-access=ALL-UNNAMED", "./run-bench.sh quick");

        assertEquals(List.of("cpuModel", "cpus", "memoryBytes", "os", "kernel", "jdk", "jvmFlags", "gitCommit", "date", "command"),
                new ArrayList<>(facts.keySet()));
        assertEquals(Runtime.getRuntime().availableProcessors(), facts.get("cpus"));
        assertTrue(((Long) facts.get("memoryBytes")) > 0);
    }

    @Test
    void jsonQuotesTextAndLeavesNumbersBare() throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("cpus", 2);
        facts.put("command", "run \"quick\" -p work=a\\b\n");

        JsonNode read = new ObjectMapper().readTree(MachineFacts.toJson(facts));

        assertEquals(2, read.get("cpus").intValue());
        assertTrue(read.get("cpus").isNumber());
        assertEquals("run \"quick\" -p work=a\\b\n", read.get("command").textValue());
    }

    @Test
    void placementRecordsPinningAndTheServerHostFromItsStatsPort() throws IOException {
        ServerConfig config = ServerConfig.loopback(0).withOption("workers", "3");
        try (Server server = Model.THREAD_POOL.create(config)) {
            server.start();
            try (StatsEndpoint stats = StatsEndpoint.start("thread-pool", config, server.port(), 0)) {
                Map<String, Object> facts = MachineFacts.collect("abc", "", "");

                MachineFacts.placement(facts, List.of("clientCpus=1", "serverCpus=", "target=127.0.0.1:" + server.port(),
                        "targetStats=127.0.0.1:" + stats.port()));

                assertEquals("1", facts.get("clientCpus"));
                assertFalse(facts.containsKey("serverCpus"), "an empty value is left out");
                assertTrue(facts.containsKey("clientCpusAllowed"));
                Map<?, ?> serverHost = (Map<?, ?>) facts.get("serverHost");
                assertTrue(serverHost.containsKey("cpuModel") && serverHost.containsKey("kernel") && serverHost.containsKey("jdk"));
                Map<?, ?> runs = (Map<?, ?>) facts.get("server");
                assertEquals("thread-pool", runs.get("model"));
                assertEquals(Map.of("workers", "3"), runs.get("options"));
            }
        }
    }

    @Test
    void placementRefusesUnknownNames() {
        assertThrows(IllegalArgumentException.class, () -> MachineFacts.placement(new LinkedHashMap<>(), List.of("cpus=3")));
    }
}
