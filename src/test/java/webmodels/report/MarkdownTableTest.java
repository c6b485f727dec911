package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MarkdownTableTest {

    @Test
    void padsColumnsAndAlignsNumbersRight() {
        MarkdownTable table = new MarkdownTable(List.of("model", "req/s"), List.of(false, true));
        table.add(List.of("reactor", "52,000"));
        table.add(List.of("netty-io-uring", "9"));
        assertEquals("""
                | model          |  req/s |
                | -------------- | -----: |
                | reactor        | 52,000 |
                | netty-io-uring |      9 |
                """, table.toString());
    }

    @Test
    void escapesPipesAndNewlinesInCells() {
        MarkdownTable table = new MarkdownTable(List.of("a"), List.of(false));
        table.add(List.of("x|y\nz"));
        assertEquals("| x\\|y z |", table.toString().lines().toList().get(2));
    }

    @Test
    void rowsMustFitTheHeader() {
        MarkdownTable table = new MarkdownTable(List.of("a", "b"), List.of(false, false));
        assertThrows(IllegalArgumentException.class, () -> table.add(List.of("only one")));
    }
}
