package webmodels.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The test resources. {@code fixture.json} is hand-built in JMH 1.37's exact layout, with known
 * numbers: 5 models, failures in process-per-request and blocking, a work sweep, a reactor knob,
 * a raw-client method with a metric the report does not know, and a class outside the models
 * package. {@code jmh-1.37-generated.json} is real JMH 1.37 output from a throwaway benchmark
 * (a counter, not a server) named like ours: thrpt and sample mode, {@code work} param, aux counters.
 */
final class Fixtures {

    static final String FIXTURE = "fixture.json";
    static final String GENERATED = "jmh-1.37-generated.json";

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JmhResult> results(String name) {
        return JmhResults.parse(text(name));
    }

    /** A result built in code: primary score, and aux counters by name (unit #). */
    static JmhResult result(String benchmark, String mode, Map<String, String> params, double score, double error,
                            String unit, Map<String, Double> counters) {
        Map<String, Metric> secondary = new LinkedHashMap<>();
        counters.forEach((name, value) -> secondary.put(name, new Metric(value, Double.NaN, "#", new TreeMap<>())));
        return new JmhResult(benchmark, mode, 4, 1, new LinkedHashMap<>(params),
                new Metric(score, error, unit, new TreeMap<>()), secondary,
                new JmhResult.RunSettings("1.37", "25", "VM", "", "1 × 1 s", "1 × 1 s"));
    }

    static JmhResult withPercentiles(JmhResult result, Map<Double, Double> percentiles) {
        Metric p = result.primary();
        return new JmhResult(result.benchmark(), result.mode(), result.threads(), result.forks(), result.params(),
                new Metric(p.score(), p.error(), p.unit(), new TreeMap<>(percentiles)), result.secondary(), result.settings());
    }

    /** Copies a resource into {@code directory} under {@code fileName}. */
    static Path copy(String name, Path directory, String fileName) throws IOException {
        Path file = directory.resolve(fileName);
        Files.writeString(file, text(name), StandardCharsets.UTF_8);
        return file;
    }

    /** Parses SVG with the JDK's XML parser: throws unless it is well-formed XML. */
    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
