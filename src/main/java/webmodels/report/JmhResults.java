package webmodels.report;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.stream.StreamSupport;

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
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static List<JmhResult> parse(String json) {
        JsonNode entries = Json.parse(json);
        if (!entries.isArray()) {
            throw new IllegalArgumentException("a JMH result file is a JSON array");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = "entry " + (i + 1);
            JsonNode entry = object(entries.get(i), where);
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
    static double toDouble(JsonNode value, String where) {
        if (value != null && value.isNumber()) {
            return value.doubleValue();
        }
        if (value != null && value.isTextual()) {
            switch (value.textValue()) {
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

    private static Map<String, String> params(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        object(value, where + " params").properties().forEach(field -> {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(where + " param " + field.getKey() + " must be a string");
            }
            params.put(field.getKey(), field.getValue().textValue());
        });
        return Collections.unmodifiableMap(params);
    }

    private static Metric metric(JsonNode value, String where) {
        JsonNode metric = object(value, where);
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        JsonNode raw = metric.get("scorePercentiles");
        if (raw != null && !raw.isNull()) {
            object(raw, where + " scorePercentiles").properties().forEach(field -> {
                String p = field.getKey();
                try {
                    percentiles.put(Double.parseDouble(p), toDouble(field.getValue(), where + " percentile " + p));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + " has a percentile named " + p + ", not a number");
                }
            });
        }
        return new Metric(
                toDouble(metric.get("score"), where + " score"),
                metric.has("scoreError") ? toDouble(metric.get("scoreError"), where + " scoreError") : Double.NaN,
                string(metric, "scoreUnit", where),
                Collections.unmodifiableSortedMap(percentiles),
                forks(metric.get("rawData"), where));
    }

    /** JMH's rawData: one array of iteration scores per fork; absent in sample mode. */
    private static List<List<Double>> forks(JsonNode rawData, String where) {
        if (rawData == null || !rawData.isArray()) {
            return List.of();
        }
        List<List<Double>> result = new ArrayList<>();
        for (JsonNode fork : rawData) {
            if (!fork.isArray()) {
                throw new IllegalArgumentException(where + " rawData holds " + describe(fork) + ", not an array per fork");
            }
            List<Double> scores = new ArrayList<>();
            for (JsonNode iteration : fork) {
                scores.add(toDouble(iteration, where + " rawData"));
            }
            result.add(List.copyOf(scores));
        }
        return List.copyOf(result);
    }

    private static Map<String, Metric> secondaries(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        object(value, where + " secondaryMetrics").properties().forEach(field -> secondary.put(field.getKey(),
                metric(field.getValue(), where + " secondary " + field.getKey())));
        return Collections.unmodifiableMap(secondary);
    }

    private static JmhResult.RunSettings settings(JsonNode entry) {
        JsonNode jvmArgs = entry.path("jvmArgs");
        return new JmhResult.RunSettings(
                optional(entry.path("jmhVersion")),
                optional(entry.path("jdkVersion")),
                optional(entry.path("vmName")),
                jvmArgs.isArray()
                        ? StreamSupport.stream(jvmArgs.spliterator(), false).map(JsonNode::asText)
                                .collect(Collectors.joining(" "))
                        : "",
                iterations(entry.path("warmupIterations"), entry.path("warmupTime")),
                iterations(entry.path("measurementIterations"), entry.path("measurementTime")));
    }

    private static String iterations(JsonNode count, JsonNode time) {
        if (!count.isNumber()) {
            return "";
        }
        return count.intValue() + (time.isTextual() ? " × " + time.textValue() : "");
    }

    private static String optional(JsonNode value) {
        return value.isTextual() ? value.textValue() : "";
    }

    static JsonNode object(JsonNode value, String where) {
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object, not " + describe(value));
        }
        return value;
    }

    private static String string(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a string, not "
                    + describe(value));
        }
        return value.textValue();
    }

    private static double number(JsonNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\" must be a number, not "
                    + describe(value));
        }
        return value.doubleValue();
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "missing or null";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.toString();
    }
}
