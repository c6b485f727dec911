package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class MachineFactsTest {

    @Test
    void labelsKnownFactsAndKeepsTheCommandApart() {
        MachineFacts facts = MachineFacts.parse(Fixtures.text("fixture.machine.json"));
        assertEquals(List.of("CPU", "CPUs", "memory", "OS", "kernel", "JDK", "JVM flags", "git commit", "date"),
                List.copyOf(facts.facts().keySet()));
        assertEquals("24.0 GiB", facts.facts().get("memory"));
        assertEquals("2", facts.facts().get("CPUs"));
        assertEquals("-Xmx2g -XX:+UseParallelGC", facts.facts().get("JVM flags"));
        assertEquals("./run-bench.sh --profile quick", facts.command());
    }

    @Test
    void namesBothHostsWhenTheServerRanElsewhere() {
        MachineFacts facts = MachineFacts.parse("""
                {"cpuModel": "AMD EPYC", "cpus": 2, "clientCpus": "1", "target": "10.213.0.1:9527",
                 "serverHost": {"cpuModel": "Intel Xeon", "cpus": 8, "memoryBytes": 34359738368, "kernel": "6.1"},
                 "server": {"model": "reactor", "options": {"spins": "100"}, "work": "none"},
                 "command": "java ..."}
                """);

        assertEquals(List.of("CPU", "CPUs", "client pinned to CPUs", "server at (target)", "server host", "server runs"),
                List.copyOf(facts.facts().keySet()));
        assertEquals("cpuModel=Intel Xeon, cpus=8, memoryBytes=32.0 GiB, kernel=6.1", facts.facts().get("server host"));
        assertEquals("model=reactor, options=spins=100, work=none", facts.facts().get("server runs"));
    }

    @Test
    void showsUnknownFactsAsTheyAre() {
        MachineFacts facts = MachineFacts.parse("{\"cpus\": 8, \"governor\": \"performance\"}");
        assertEquals("performance", facts.facts().get("governor"));
        assertEquals("", facts.command());
    }

    @Test
    void theMachineFileSitsBesideTheResults(@TempDir Path dir) throws IOException {
        assertEquals(Path.of("jmh-results/20250101-120000-quick.machine.json"),
                MachineFacts.besideResults(Path.of("jmh-results/20250101-120000-quick.json")));
        assertSame(MachineFacts.NONE, MachineFacts.forResults(dir.resolve("x.json")));
    }
}
