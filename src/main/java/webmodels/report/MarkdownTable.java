package webmodels.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table, columns padded so that it also reads as plain text. */
final class MarkdownTable {

    private final List<String> header;
    private final List<Boolean> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> header, List<Boolean> rightAligned) {
        if (header.size() != rightAligned.size()) {
            throw new IllegalArgumentException("one alignment per column");
        }
        this.header = header.stream().map(MarkdownTable::escape).toList();
        this.rightAligned = rightAligned;
    }

    void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, the table " + header.size() + " columns");
        }
        rows.add(row.stream().map(MarkdownTable::escape).toList());
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, header.get(c).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, widths);
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            sb.append(' ').append("-".repeat(widths[c] - 1)).append(rightAligned.get(c) ? ':' : '-').append(" |");
        }
        sb.append('\n');
        rows.forEach(row -> line(sb, row, widths));
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] widths) {
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            sb.append(' ').append(rightAligned.get(c) ? pad + cell : cell + pad).append(" |");
        }
        sb.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
