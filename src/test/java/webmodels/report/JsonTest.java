package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link Json} asks of Jackson beyond its defaults, and the errors it gives. */
@Timeout(10)
class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[1, 2", "{\"a\": 1,}", "NaN", "{a: 1}", "// comment\n1",
            "[1] [2]", "{} x", "{\"a\": 1, \"a\": 2}"})
    void rejectsMalformedInput(String json) {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(json));
    }

    @Test
    void saysWhereTheInputIsMalformed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\n  \"a\": 1,\n  \"b\": tru\n}"));
        assertTrue(e.getMessage().contains("line 3, column"), e.getMessage());
    }

    @Test
    void namesTheDuplicateKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"score\": 1, \"score\": 2}"));
        assertTrue(e.getMessage().contains("score"), e.getMessage());
    }

    @Test
    void readsJmhsOwnOutput() {
        assertEquals(4, Json.parse(Fixtures.text(Fixtures.GENERATED)).size());
    }
}
