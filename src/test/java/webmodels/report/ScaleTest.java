package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ScaleTest {

    @Test
    void logAxisSpansWholeDecadesAndLabelsThem() {
        Scale scale = Scale.log(213, 61_000, 0, 400, Format::compact);
        assertEquals(100, scale.min());
        assertEquals(0, scale.px(100), 1e-9);
        assertEquals(400 / 3.0, scale.px(1_000), 1e-9);
        assertEquals(400, scale.px(100_000), 1e-9);
        assertEquals(List.of("100", "1k", "10k", "100k"),
                scale.ticks().stream().filter(Scale.Tick::major).map(Scale.Tick::label).toList());
    }

    @Test
    void narrowLogAxesAlsoLabelTwosAndFives() {
        Scale scale = Scale.logTight(60e-6, 2.1e-3, 0, 400, Format::timeWithUnit);
        List<String> labels = scale.ticks().stream().filter(Scale.Tick::major).map(Scale.Tick::label).toList();
        assertEquals(List.of("50 µs", "100 µs", "200 µs", "500 µs", "1 ms", "2 ms", "5 ms"), labels);
    }

    @Test
    void linearAxisStartsAtZeroAndEndsRound() {
        Scale scale = Scale.linear(61_000, 0, 400, Format::compact);
        List<Scale.Tick> ticks = scale.ticks();
        assertEquals(0, ticks.get(0).value());
        assertEquals(80_000, ticks.get(ticks.size() - 1).value());
        assertEquals(scale.px(40_000), 200, 1e-9);
    }

    @Test
    void positionsGrowWithValues() {
        Scale scale = Scale.log(3, 3_000_000, 10, 500, Format::compact);
        double previous = -1;
        for (double v = 1; v < 1e7; v *= 1.7) {
            double px = scale.px(v);
            assertTrue(px >= previous, "monotonic at " + v);
            previous = px;
        }
    }

    @Test
    void logIsWantedWhenValuesSpanMoreThanTheThreshold() {
        assertTrue(Scale.wantsLog(100, 50_000, 20));
        assertTrue(!Scale.wantsLog(5_000, 50_000, 20));
        assertTrue(!Scale.wantsLog(0, 50_000, 20), "zero cannot go on a log axis");
    }
}
