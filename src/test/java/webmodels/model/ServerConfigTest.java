package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ServerConfigTest {

    private final ServerConfig config = ServerConfig.loopback(0);

    @Test
    void readsAWholeNumberWithinItsRange() {
        assertEquals(8, config.intOption("workers", 8, 1, 100));
        assertEquals(16, config.withOption("workers", " 16 ").intOption("workers", 8, 1, 100));
        for (String bad : new String[] {"0", "101", "many", "1.5", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> config.withOption("workers", bad).intOption("workers", 8, 1, 100));
            assertTrue(e.getMessage().contains("workers") && e.getMessage().contains("1 to 100"), e.getMessage());
        }
    }

    @Test
    void readsABoolean() {
        assertTrue(config.booleanOption("direct", true));
        for (String yes : new String[] {"true", "YES", "on", "1"}) {
            assertTrue(config.withOption("direct", yes).booleanOption("direct", false), yes);
        }
        for (String no : new String[] {"false", "No", "off", "0"}) {
            assertFalse(config.withOption("direct", no).booleanOption("direct", true), no);
        }
        assertThrows(IllegalArgumentException.class, () -> config.withOption("direct", "maybe").booleanOption("direct", true));
    }

    @Test
    void readsAnEnumByItsHyphenatedName() {
        assertEquals(LoopOptions.Select.BLOCK, config.enumOption("select", LoopOptions.Select.BLOCK));
        assertEquals(LoopOptions.Select.SPIN_THEN_BLOCK,
                config.withOption("select", "Spin-Then-Block").enumOption("select", LoopOptions.Select.BLOCK));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config.withOption("select", "poll").enumOption("select", LoopOptions.Select.BLOCK));
        assertTrue(e.getMessage().contains("block, busy-poll, timeout, spin-then-block"), e.getMessage());
    }

    @Test
    void requireOnlyNamesTheModelAndWhatItAllows() {
        ServerConfig misspelt = config.withOption("worker", "4");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> misspelt.requireOnly("thread-pool", Set.of("workers", "queue")));
        assertTrue(e.getMessage().contains("thread-pool") && e.getMessage().contains("'worker'")
                && e.getMessage().contains("queue, workers"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> misspelt.requireOnly("blocking", Set.of()));
        assertTrue(none.getMessage().endsWith("none"), none.getMessage());
        config.withOption("queue", "4").requireOnly("thread-pool", Set.of("workers", "queue"));
    }

    @Test
    void keepsItsOwnCopyOfTheOptions() {
        Map<String, String> options = new HashMap<>(Map.of("loops", "2"));
        ServerConfig copied = config.withOptions(options);
        options.put("loops", "3");
        assertEquals(2, copied.intOption("loops", 1, 1, 8));
        assertEquals(Map.of("loops", "2", "reuseport", "true"), copied.withOption("reuseport", "true").options());
    }
}
