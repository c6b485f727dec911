package webmodels.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One parameter varied for one benchmark method and mode: the result per model and value. */
record Sweep(String param, String method, String mode, Map<String, Map<String, JmhResult>> byModel) {

    void add(JmhResult result) {
        byModel.computeIfAbsent(result.model(), m -> new LinkedHashMap<>())
                .putIfAbsent(result.scenario().get(param), result);
    }

    boolean varies() {
        return values().size() > 1;
    }

    /** The models in registry order. */
    List<String> models() {
        List<String> models = new ArrayList<>(byModel.keySet());
        models.sort(Comparator.comparingInt(ModelNames::order));
        return models;
    }

    /** The values in run order, or numerically when they are all numbers. */
    List<String> values() {
        Set<String> values = new LinkedHashSet<>();
        byModel.values().forEach(m -> values.addAll(m.keySet()));
        List<String> ordered = new ArrayList<>(values);
        if (ordered.stream().allMatch(Sweep::isNumber)) {
            ordered.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        return ordered;
    }

    JmhResult result(String model, String value) {
        return byModel.getOrDefault(model, Map.of()).get(value);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
