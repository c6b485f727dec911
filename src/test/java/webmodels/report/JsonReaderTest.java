package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class JsonReaderTest {

    @Test
    void readsNestedObjectsAndArraysInOrder() {
        Object value = JsonReader.parse("""
                {"b" : [1, {"c": []}, {}], "a": {"x": true, "y": false, "z": null}}
                """);
        Map<?, ?> object = (Map<?, ?>) value;
        assertEquals(List.of("b", "a"), List.copyOf(object.keySet()));
        assertEquals(List.of(1.0, Map.of("c", List.of()), Map.of()), object.get("b"));
        Map<?, ?> a = (Map<?, ?>) object.get("a");
        assertEquals(true, a.get("x"));
        assertEquals(false, a.get("y"));
        assertTrue(a.containsKey("z"));
        assertNull(a.get("z"));
    }

    @Test
    void readsNumbersWithFractionsAndExponents() {
        assertEquals(List.of(0.0, -0.0, 7.0, -12.5, 3.6961498701434994E8, 2.0E-8, 1e3, 1.5e+2, 25e-1),
                JsonReader.parse("[0, -0, 7, -12.5, 3.6961498701434994E8, 2.0E-8, 1e3, 1.5e+2, 25e-1]"));
    }

    @Test
    void readsEveryStringEscape() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t é € 😀",
                JsonReader.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u20AC \\ud83d\\ude00\""));
    }

    @Test
    void keepsJmhNanStringsAsStrings() {
        assertEquals(List.of("NaN", "+INF", "-INF"), JsonReader.parse("[\"NaN\", \"+INF\", \"-INF\"]"));
    }

    @Test
    void acceptsWhitespaceAroundTokens() {
        assertEquals(Map.of("k", List.of(1.0)), JsonReader.parse(" \t\r\n{ \"k\" :\n[ 1 ] }\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "{", "[1, 2", "{\"a\" 1}", "{\"a\": 1,}", "[1, 2,]", "[,1]", "{a: 1}", "{'a': 1}",
            "01", "-", "1.", ".5", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1e400",
            "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\u12G4\"", "\"raw\ttab\"", "\"raw\nnewline\"",
            "tru", "nul", "True", "[1] [2]", "{} x", "// comment\n1", "{\"a\": 1, \"a\": 2}"})
    void rejectsMalformedInput(String json) {
        assertThrows(JsonException.class, () -> JsonReader.parse(json));
    }

    @Test
    void saysWhereTheInputIsMalformed() {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\": tru\n}"));
        assertTrue(e.getMessage().contains("line 3, column 8"), e.getMessage());
    }

    @Test
    void namesTheDuplicateKey() {
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse("{\"score\": 1, \"score\": 2}"));
        assertTrue(e.getMessage().contains("duplicate key \"score\""), e.getMessage());
    }

    @Test
    void refusesNestingDeepEnoughToOverflowTheStack() {
        assertThrows(JsonException.class, () -> JsonReader.parse("[".repeat(100_000) + "]".repeat(100_000)));
        assertEquals(50, depthOf(JsonReader.parse("[".repeat(50) + "]".repeat(50))));
    }

    private static int depthOf(Object value) {
        return value instanceof List<?> list ? 1 + (list.isEmpty() ? 0 : depthOf(list.get(0))) : 0;
    }

    @Test
    void readsJmhsOwnOutput() {
        Object value = JsonReader.parse(Fixtures.text(Fixtures.GENERATED));
        assertEquals(4, ((List<?>) value).size());
        Object histogram = ((Map<?, ?>) ((Map<?, ?>) ((List<?>) value).get(2)).get("primaryMetric")).get("rawDataHistogram");
        assertInstanceOf(List.class, histogram);
    }
}
