package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyPercentileResultTest {

    @Test
    void iterationsAggregateAsOneHistogramNotAsAMeanOfPercentiles() {
        // four iterations of 1,000 requests at 1 ms, one of 1,000 at 100 ms: a fifth of all requests took 100 ms
        List<LatencyPercentileResult> iterations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            iterations.add(new LatencyPercentileResult("latencyP99", 99, histogram(1_000, 1_000)));
        }
        iterations.add(new LatencyPercentileResult("latencyP99", 99, histogram(1_000, 100_000)));

        LatencyPercentileResult run = iterations.get(0).getIterationAggregator().aggregate(iterations);

        assertEquals("latencyP99", run.getLabel());
        assertEquals("us", run.getScoreUnit());
        assertEquals(100_000, run.getScore(), 100, "the p99 of all requests, not the mean of the p99s (20,800)");
    }

    @Test
    void theMaximumIsTheLargestOfAll() {
        List<LatencyPercentileResult> iterations = List.of(
                new LatencyPercentileResult("latencyMax", 100, histogram(10, 2_000)),
                new LatencyPercentileResult("latencyMax", 100, histogram(10, 7_000)));

        assertEquals(7_000, iterations.get(0).getIterationAggregator().aggregate(iterations).getScore(), 10);
    }

    @Test
    void theExactPercentilesAreThoseBelowTheSmallestCensoredLatencyOfAnyIteration() {
        // 1,000 requests at 1 ms in each of two iterations; the second also had 20 unsent, recorded at 50 ms
        Histogram withUnsent = histogram(1_000, 1_000);
        withUnsent.recordValueWithCount(50_000, 20);
        List<LatencyPercentileResult> iterations = List.of(
                LatencyPercentileResult.exactUpTo("latencyExactUpTo", histogram(1_000, 1_000), Long.MAX_VALUE),
                LatencyPercentileResult.exactUpTo("latencyExactUpTo", withUnsent, 50_000));

        assertEquals(100.0, iterations.get(0).getScore());
        LatencyPercentileResult run = iterations.get(0).getIterationAggregator().aggregate(iterations);
        assertEquals("%", run.getScoreUnit());
        assertEquals(100.0 * 2_000 / 2_020, run.getScore(), 1e-9);
    }

    @Test
    void aRangeBeyondTheFirstIterationsIsKept() {
        Histogram small = new Histogram(1_000, 3); // tracks up to 1 ms only
        small.recordValue(500);
        List<LatencyPercentileResult> iterations = List.of(
                new LatencyPercentileResult("latencyMax", 100, small),
                new LatencyPercentileResult("latencyMax", 100, histogram(1, 50_000_000)));

        assertEquals(50_000_000, iterations.get(0).getIterationAggregator().aggregate(iterations).getScore(), 50_000);
    }

    @Test
    void theResultsOfAnIterationCrossToTheHostJvmWithOneHistogram() throws Exception {
        Histogram shared = histogram(1_000, 1_000);
        List<LatencyPercentileResult> six = new ArrayList<>();
        for (double p : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            six.add(new LatencyPercentileResult("latencyP" + p, p, shared));
        }

        byte[] one = serialize(List.of(six.get(0)));
        byte[] all = serialize(six);

        assertTrue(all.length < one.length * 1.5, one.length + " bytes for one, " + all.length + " for six");
        @SuppressWarnings("unchecked")
        List<LatencyPercentileResult> back = (List<LatencyPercentileResult>)
                new ObjectInputStream(new ByteArrayInputStream(all)).readObject();
        assertEquals(1_000, back.get(2).getScore(), 1);
    }

    private static Histogram histogram(int count, long micros) {
        Histogram histogram = new Histogram(60_000_000, 3);
        histogram.recordValueWithCount(micros, count);
        return histogram;
    }

    private static byte[] serialize(Object object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }
}
