package webmodels.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads JMH's JSON result format (as JMH 1.37 writes it with {@code -rf json}) into
 * {@link JmhResult}s. Fields the report does not use (raw data, histograms, confidence
 * intervals) are skipped; fields it needs must be there with the right type, or reading fails
 * with the entry and the field named.
 */
final class JmhResults {

    private JmhResults() {
    }

    static List<JmhResult> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (JsonException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static List<JmhResult> parse(String json) {
        if (!(JsonReader.parse(json) instanceof List<?> entries)) {
            throw new IllegalArgumentException("a JMH result file is a JSON array");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "entry " + (i + 1);
            Map<String, Object> entry = object(entries.get(i), where);
            String benchmark = string(entry, "benchmark", where);
            where = where + " (" + benchmark + ")";
            results.add(new JmhResult(
                    benchmark,
                    string(entry, "mode", where),
                    (int) number(entry, "threads", where),
                    (int) number(entry, "forks", where),
                    params(entry.get("params"), where),
                    metric(entry.get("primaryMetric"), where + " primaryMetric"),
                    secondaries(entry.get("secondaryMetrics"), where),
                    settings(entry)));
        }
        return results;
    }

    /** A JMH number: a JSON number, or one of the strings JMH writes for NaN and infinities. */
    static double toDouble(Object value, String where) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "+INF":
                    return Double.POSITIVE_INFINITY;
                case "-INF":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(where + " must be a number, not " + describe(value));
    }

    private static Map<String, String> params(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        object(value, where + " params").forEach((name, v) -> {
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException(where + " param " + name + " must be a string");
            }
            params.put(name, s);
        });
        return Collections.unmodifiableMap(params);
    }

    private static Metric metric(Object value, String where) {
        Map<String, Object> metric = object(value, where);
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        Object raw = metric.get("scorePercentiles");
        if (raw != null) {
            object(raw, where + " scorePercentiles").forEach((p, v) -> {
                try {
                    percentiles.put(Double.parseDouble(p), toDouble(v, where + " percentile " + p));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + " has a percentile named " + p + ", not a number");
                }
            });
        }
        return new Metric(
                toDouble(metric.get("score"), where + " score"),
                metric.containsKey("scoreError") ? toDouble(metric.get("scoreError"), where + " scoreError") : Double.NaN,
                string(metric, "scoreUnit", where),
                Collections.unmodifiableSortedMap(percentiles),
                forks(metric.get("rawData"), where));
    }

    /** JMH's rawData: one array of iteration scores per fork; absent in sample mode. */
    private static List<List<Double>> forks(Object rawData, String where) {
        if (!(rawData instanceof List<?> forks)) {
            return List.of();
        }
        List<List<Double>> result = new ArrayList<>();
        for (Object fork : forks) {
            if (!(fork instanceof List<?> iterations)) {
                throw new IllegalArgumentException(where + " rawData holds " + describe(fork) + ", not an array per fork");
            }
            List<Double> scores = new ArrayList<>();
            for (Object iteration : iterations) {
                scores.add(toDouble(iteration, where + " rawData"));
            }
            result.add(List.copyOf(scores));
        }
        return List.copyOf(result);
    }

    private static Map<String, Metric> secondaries(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        object(value, where + " secondaryMetrics")
                .forEach((name, metric) -> secondary.put(name, metric(metric, where + " secondary " + name)));
        return Collections.unmodifiableMap(secondary);
    }

    private static JmhResult.RunSettings settings(Map<String, Object> entry) {
        return new JmhResult.RunSettings(
                optional(entry.get("jmhVersion")),
                optional(entry.get("jdkVersion")),
                optional(entry.get("vmName")),
                entry.get("jvmArgs") instanceof List<?> args
                        ? args.stream().map(String::valueOf).collect(Collectors.joining(" "))
                        : "",
                iterations(entry.get("warmupIterations"), entry.get("warmupTime")),
                iterations(entry.get("measurementIterations"), entry.get("measurementTime")));
    }

    private static String iterations(Object count, Object time) {
        if (!(count instanceof Double n)) {
            return "";
        }
        return n.intValue() + (time instanceof String t ? " × " + t : "");
    }

    private static String optional(Object value) {
        return value instanceof String s ? s : "";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + " must be a JSON object, not " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> object, String field, String where) {
        if (!(object.get(field) instanceof String s)) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a string, not "
                    + describe(object.get(field)));
        }
        return s;
    }

    private static double number(Map<String, Object> object, String field, String where) {
        if (!(object.get(field) instanceof Double d)) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a number, not "
                    + describe(object.get(field)));
        }
        return d;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "missing or null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
