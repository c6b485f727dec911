package webmodels.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a JMH JSON result file: a benchmark method in one mode with one set of
 * {@code @Param} values. {@code secondary} holds our {@code @AuxCounters} ({@code requests},
 * {@code failures}, ...) and anything else JMH or a profiler added, by name.
 */
record JmhResult(String benchmark, String mode, int threads, int forks, Map<String, String> params,
                 Metric primary, Map<String, Metric> secondary, RunSettings settings) {

    /** A model may also come as a {@code @Param} named so, instead of from the class name. */
    static final String MODEL_PARAM = "model";

    /** The benchmark method: {@code keepAlive} for {@code ...ReactorBenchmark.keepAlive}. */
    String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    String benchmarkClass() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? "" : benchmark.substring(0, dot);
    }

    String model() {
        String fromParam = params.get(MODEL_PARAM);
        return fromParam != null ? ModelNames.canonical(fromParam) : ModelNames.ofBenchmarkClass(benchmarkClass());
    }

    /** The parameters that describe the scenario, i.e. all but the model. */
    Map<String, String> scenario() {
        Map<String, String> scenario = new LinkedHashMap<>(params);
        scenario.remove(MODEL_PARAM);
        return scenario;
    }

    /** Same benchmark, mode and parameters: the same measurement, maybe from another run. */
    String key() {
        return benchmark + " " + mode + " " + new TreeMap<>(params);
    }

    Metric metric(String name) {
        return secondary.get(name);
    }

    /** How JMH ran it; all optional because older JMH versions wrote less. */
    record RunSettings(String jmhVersion, String jdkVersion, String vmName, String jvmArgs,
                       String warmup, String measurement) {
    }
}
