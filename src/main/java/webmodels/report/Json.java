package webmodels.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson, set up to read result files strictly: a duplicate key or anything after the value is an
 * error (Jackson accepts both by default), as are comments, trailing commas and bare NaN (Jackson's
 * defaults). JMH writes NaN and infinities as the strings "NaN", "+INF" and "-INF";
 * {@link JmhResults} turns them into doubles.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** The tree of {@code text}; malformed JSON is an IllegalArgumentException naming line and column. */
    static JsonNode parse(String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage() + where, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("malformed JSON: no value at line 1, column 1");
        }
        return tree;
    }
}
