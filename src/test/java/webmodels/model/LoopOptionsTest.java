package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import webmodels.bench.SelectorLoopBenchmark;

class LoopOptionsTest {

    @Test
    void theDefaultsAreTheDocumentedConstants() {
        LoopOptions defaults = LoopOptions.from(ServerConfig.loopback(0));
        assertEquals(new LoopOptions(LoopOptions.DEFAULT_READ_BUFFER, LoopOptions.DEFAULT_DIRECT, LoopOptions.Select.BLOCK,
                LoopOptions.DEFAULT_SPINS, LoopOptions.DEFAULT_ACCEPT_BATCH, LoopOptions.WriteMode.IMMEDIATE,
                LoopOptions.DEFAULT_TCP_NODELAY), defaults);
    }

    /** A benchmark run without -p measures the models as they run by default, knob by knob. */
    @Test
    void theBenchmarkParamDefaultsAreTheLoopDefaults() {
        ServerConfig asBenchmarked = ServerConfig.loopback(0);
        int knobs = 0;
        for (Field field : SelectorLoopBenchmark.class.getDeclaredFields()) {
            Param param = field.getAnnotation(Param.class);
            if (param != null) {
                String option = field.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
                assertTrue(LoopOptions.NAMES.contains(option), "no loop option named " + option);
                assertEquals(1, param.value().length, option);
                asBenchmarked = asBenchmarked.withOption(option, param.value()[0]);
                knobs++;
            }
        }
        assertEquals(LoopOptions.NAMES.size(), knobs, "a loop option without a @Param");
        assertEquals(LoopOptions.from(ServerConfig.loopback(0)), LoopOptions.from(asBenchmarked));
    }
}
