package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class JmhResultsTest {

    @Test
    void readsEveryFieldTheReportUsesFromRealJmhOutput() {
        List<JmhResult> results = Fixtures.results(Fixtures.GENERATED);
        assertEquals(4, results.size());
        JmhResult thrpt = results.get(0);
        assertEquals("webmodels.bench.models.ReactorBenchmark.keepAlive", thrpt.benchmark());
        assertEquals("thrpt", thrpt.mode());
        assertEquals(1, thrpt.threads());
        assertEquals(1, thrpt.forks());
        assertEquals(Map.of("work", "none"), thrpt.params());
        assertEquals(3.6961498701434994E8, thrpt.primary().score());
        assertEquals("ops/s", thrpt.primary().unit());
        assertEquals(List.of(List.of(3.4782685560681236E8, 3.914031184218875E8)), thrpt.primary().forks(),
                "rawData: each fork's iterations");
        assertEquals(List.of((3.4782685560681236E8 + 3.914031184218875E8) / 2), thrpt.primary().forkMeans());
        assertTrue(Double.isNaN(thrpt.primary().error()), "JMH writes \"NaN\" with one fork and two iterations");
        assertEquals(289563.0, thrpt.metric("connectionsOpened").score());
        assertEquals("#", thrpt.metric("failures").unit());
        assertEquals("1.37", thrpt.settings().jmhVersion());
        assertEquals("-Xmx256m -Dx=a,b", thrpt.settings().jvmArgs());
        assertEquals("0 × 10 s", thrpt.settings().warmup());
        assertEquals("2 × 100 ms", thrpt.settings().measurement());

        JmhResult sample = results.get(2);
        assertEquals("sample", sample.mode());
        assertEquals("s/op", sample.primary().unit());
        assertEquals(3.6043999999999965E-7, sample.primary().percentile(99.0));
        assertEquals(2.611712000000023E-5, sample.primary().percentile(99.9));
        assertEquals(10, sample.primary().percentiles().size());
        assertEquals(List.of(), sample.primary().forks(), "sample mode has histograms, not rawData");
        assertTrue(Double.isNaN(sample.primary().percentile(42.0)));
    }

    @Test
    void readsTheHandBuiltFixture() {
        List<JmhResult> results = Fixtures.results(Fixtures.FIXTURE);
        assertEquals(22, results.size());
        JmhResult raw = results.stream().filter(r -> r.method().equals("rawKeepAlive")).findFirst().orElseThrow();
        assertEquals(8100.0, raw.metric("serverCpuNanosPerOp").score());
        assertEquals("ns/op", raw.metric("serverCpuNanosPerOp").unit());
        JmhResult codec = results.get(results.size() - 1);
        assertEquals(Map.of(), codec.params(), "no \"params\" field when a benchmark has none");
        assertEquals(Map.of(), codec.secondary());
    }

    @Test
    void turnsJmhNumberStringsIntoDoubles() {
        assertTrue(Double.isNaN(JmhResults.toDouble(TextNode.valueOf("NaN"), "x")));
        assertEquals(Double.POSITIVE_INFINITY, JmhResults.toDouble(TextNode.valueOf("+INF"), "x"));
        assertEquals(Double.NEGATIVE_INFINITY, JmhResults.toDouble(TextNode.valueOf("-INF"), "x"));
        assertEquals(2.5, JmhResults.toDouble(DoubleNode.valueOf(2.5), "x"));
        assertThrows(IllegalArgumentException.class, () -> JmhResults.toDouble(TextNode.valueOf("fast"), "x"));
    }

    @Test
    void namesTheEntryAndFieldThatIsWrong() {
        String json = """
                [ { "benchmark" : "a.B.c", "mode" : "thrpt", "threads" : "four", "forks" : 1,
                    "primaryMetric" : { "score" : 1.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } ]
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhResults.parse(json));
        assertTrue(e.getMessage().contains("entry 1 (a.B.c)") && e.getMessage().contains("\"threads\""), e.getMessage());
    }

    @Test
    void rejectsAFileThatIsNotAnArray() {
        assertThrows(IllegalArgumentException.class, () -> JmhResults.parse("{\"benchmark\": \"x\"}"));
    }

    @Test
    void readingAMalformedFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[ { \"benchmark\" : ");
        IOException e = assertThrows(IOException.class, () -> JmhResults.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("line 1"), e.getMessage());
    }
}
