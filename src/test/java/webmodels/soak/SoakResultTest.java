package webmodels.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakResultTest {

    private static final long MIB = 1 << 20;
    private static final ProcessStats STEADY = new ProcessStats(20, 30, 200 * MIB);

    @Test
    void aCleanTallyWithNothingGrownPasses() {
        Tally tally = new Tally();
        tally.answered(1000);
        tally.expected("malformed: 400");
        SoakResult result = new SoakResult("reactor", tally, STEADY, STEADY, rss(200, 230, 210, 220), true);
        assertTrue(result.passed(), () -> "" + result.problems());
        assertTrue(SoakReport.row(result).endsWith("ok"));
    }

    @Test
    void failsOnAnyFailedGoodRequest() {
        Tally tally = new Tally();
        tally.answered(1000);
        tally.failed("keep-alive-1", 1, "EOFException");
        SoakResult result = new SoakResult("reactor", tally, STEADY, STEADY, rss(200, 200), true);
        assertEquals(List.of("1 good requests failed"), result.problems());
        assertTrue(SoakReport.row(result).endsWith("FAILED"));
    }

    @Test
    void failsWhenDescriptorsOrThreadsGrew() {
        SoakResult descriptors = new SoakResult("m", new Tally(), STEADY, new ProcessStats(21, 30, 200 * MIB), rss(200, 200), true);
        assertEquals(List.of("descriptors grew from 20 to 21"), descriptors.problems());
        SoakResult threads = new SoakResult("m", new Tally(), STEADY, new ProcessStats(20, 31, 200 * MIB), rss(200, 200), true);
        assertEquals(List.of("threads grew from 30 to 31"), threads.problems());
        SoakResult fewer = new SoakResult("m", new Tally(), STEADY, new ProcessStats(19, 29, 200 * MIB), rss(200, 200), true);
        assertTrue(fewer.passed(), "fewer after than before is no leak");
    }

    @Test
    void failsWhenRssGrewBeyondTheSlack() {
        // 20 % of 200 MiB is 40 MiB, more than the 32 MiB floor.
        assertTrue(new SoakResult("m", new Tally(), STEADY, STEADY, rss(200, 260, 240), true).passed());
        SoakResult grew = new SoakResult("m", new Tally(), STEADY, STEADY, rss(200, 220, 241), true);
        assertEquals(List.of("RSS grew from 200 to 241 MiB"), grew.problems());
        // Small processes get the 32 MiB floor.
        assertTrue(new SoakResult("m", new Tally(), STEADY, STEADY, rss(50, 82), true).passed());
        assertFalse(new SoakResult("m", new Tally(), STEADY, STEADY, rss(50, 83), true).passed());
    }

    @Test
    void failsWhenTheServerDied() {
        SoakResult result = new SoakResult("m", new Tally(), STEADY, new ProcessStats(0, 0, 0), rss(200), false);
        assertEquals(List.of("the server process died"), result.problems());
    }

    private static List<ProcessStats> rss(long... mib) {
        return java.util.Arrays.stream(mib).mapToObj(m -> new ProcessStats(20, 30, m * MIB)).toList();
    }
}
