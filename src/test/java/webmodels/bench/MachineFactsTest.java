package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void jsonQuotesTextAndLeavesNumbersBare() {
        String json = MachineFacts.toJson(Map.of("command", "run \"quick\" -p work=a\\b\n"));
        assertEquals("{\n  \"command\": \"run \\\"quick\\\" -p work=a\\\\b\\n\"\n}\n", json);

        assertEquals("{\n  \"cpus\": 2\n}\n", MachineFacts.toJson(Map.of("cpus", 2)));
    }
}
