package webmodels.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All results of one report, with what the tables and charts need to know about them: the models
 * in a stable order, and each model's baseline scenario. The baseline is {@code work=none} when
 * that was run, otherwise each parameter's first value in the file (JMH's run order, the order the
 * parameter declares its values in); the summary shows the baseline, sweeps show the rest.
 */
final class Results {

    static final String WORK = "work";
    static final String NO_WORK = "none";
    static final String THROUGHPUT = "thrpt";
    static final String SAMPLE = "sample";

    private final List<JmhResult> all;
    private final Map<String, Map<String, String>> baselineByModel = new LinkedHashMap<>();

    Results(List<JmhResult> all) {
        this.all = List.copyOf(all);
        for (JmhResult result : all) {
            Map<String, String> baseline = baselineByModel.computeIfAbsent(result.model(), m -> new LinkedHashMap<>());
            result.scenario().forEach((name, value) -> {
                if (name.equals(WORK) && value.equals(NO_WORK)) {
                    baseline.put(name, value);
                } else {
                    baseline.putIfAbsent(name, value);
                }
            });
        }
    }

    List<JmhResult> all() {
        return all;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Models in the order of the {@link webmodels.model.Model} registry, unknown ones after. */
    List<String> models() {
        List<String> models = new ArrayList<>(baselineByModel.keySet());
        models.sort(Comparator.comparingInt(ModelNames::order));
        return models;
    }

    Map<String, String> baseline(String model) {
        return baselineByModel.getOrDefault(model, Map.of());
    }

    boolean atBaseline(JmhResult result) {
        return differingParams(result).isEmpty();
    }

    /** The result's parameters whose value is not the baseline. */
    List<String> differingParams(JmhResult result) {
        Map<String, String> baseline = baseline(result.model());
        List<String> differing = new ArrayList<>();
        result.scenario().forEach((name, value) -> {
            if (!value.equals(baseline.get(name))) {
                differing.add(name);
            }
        });
        return differing;
    }

    Optional<JmhResult> baselineResult(String model, String method, String mode) {
        return all.stream()
                .filter(r -> r.model().equals(model) && r.method().equals(method) && r.mode().equals(mode))
                .filter(this::atBaseline)
                .findFirst();
    }

    /** Counters of all baseline runs of a model's method, every mode together. */
    Counters baselineCounters(String model, String method) {
        Counters sum = Counters.NONE;
        for (JmhResult r : all) {
            if (r.model().equals(model) && r.method().equals(method) && atBaseline(r)) {
                sum = sum.plus(Counters.of(r));
            }
        }
        return sum;
    }

    /** Benchmark methods (keepAlive, rawKeepAlive, ...) in the order they first appear. */
    List<String> methods() {
        Set<String> methods = new LinkedHashSet<>();
        all.forEach(r -> methods.add(r.method()));
        return new ArrayList<>(methods);
    }

    /**
     * One sweep per parameter that takes more than one value, per method and mode: the results
     * whose every other parameter is at its baseline, by model and value.
     */
    List<Sweep> sweeps() {
        Map<String, Sweep> sweeps = new LinkedHashMap<>();
        for (JmhResult r : all) {
            List<String> differing = differingParams(r);
            if (differing.size() > 1) {
                continue; // two parameters off baseline: no single axis; "All results" shows it
            }
            for (String param : differing.isEmpty() ? r.scenario().keySet() : differing) {
                sweeps.computeIfAbsent(param + " " + r.method() + " " + r.mode(),
                        k -> new Sweep(param, r.method(), r.mode(), new LinkedHashMap<>())).add(r);
            }
        }
        return sweeps.values().stream().filter(Sweep::varies).toList();
    }
}
