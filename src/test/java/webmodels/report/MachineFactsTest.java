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
