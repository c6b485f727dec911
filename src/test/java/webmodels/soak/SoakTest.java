package webmodels.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.model.Model;

class SoakTest {

    @Test
    void soaksTenMinutesOfEveryConnectionKeepingModelByDefault() {
        Soak.Plan plan = Soak.parse(new String[0]);
        assertEquals(Duration.ofMinutes(10), plan.duration());
        assertEquals(List.of(Model.THREAD_POOL, Model.REACTOR, Model.THREAD_PER_CONNECTION, Model.VIRTUAL_THREADS,
                Model.MULTI_REACTOR, Model.PROACTOR, Model.IO_URING, Model.NETTY_EPOLL, Model.NETTY_IO_URING), plan.models());
    }

    @Test
    void readsMinutesAndModels() {
        Soak.Plan plan = Soak.parse(new String[] {"1.5", "reactor", "blocking"});
        assertEquals(Duration.ofSeconds(90), plan.duration());
        assertEquals(List.of(Model.REACTOR, Model.BLOCKING), plan.models());
        assertEquals(Duration.ofSeconds(10), plan.warmUp());
        assertEquals(Duration.ofMillis(4500), plan.sampleInterval());
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Soak.parse(new String[] {"0"}));
        assertThrows(IllegalArgumentException.class, () -> Soak.parse(new String[] {"5", "no-such-model"}));
    }

    /** Every client of the soak, against one real model for a few seconds: all answered, nothing grown. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aShortSoakOfOneModelPasses() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean passed = Soak.run(new Soak.Plan(Duration.ofSeconds(6), List.of(Model.REACTOR)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(passed, report);
        assertTrue(report.contains("soak: PASSED"), report);
        assertTrue(report.contains("malformed: 400") && report.contains("reset mid-request 3") && report.contains("silent: closed"), report);
    }
}
