package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Checks shared by the chart tests: well-formed SVG, its title, the texts it shows. */
final class SvgAssertions {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private SvgAssertions() {
    }

    /** Parses the SVG (failing the test unless it is well-formed) and returns all its texts. */
    static List<String> texts(String svg, String title) throws Exception {
        Document document = Fixtures.parseXml(svg);
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals(SVG_NS, document.getDocumentElement().getNamespaceURI());
        assertEquals(title, document.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent());
        NodeList nodes = document.getElementsByTagNameNS(SVG_NS, "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        assertTrue(texts.contains(title), "the title is drawn, not only in <title>");
        return texts;
    }
}
