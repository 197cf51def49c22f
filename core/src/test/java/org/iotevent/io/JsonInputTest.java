package org.iotevent.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JSON is parsed into the tree Jackson's own {@code ObjectMapper.readTree} makes, node types
 * included, with the same message for what it refuses (JsonInput builds the tree from the parser's
 * tokens: no mapper to initialise at start-up).
 */
class JsonInputTest {
    private static final ObjectMapper READ_TREE = new ObjectMapper(JsonInput.JSON.copy());

    @Test
    void theTreeAndTheRefusalsAreReadTreesOwn() throws IOException {
        List<String> texts = new ArrayList<>(List.of("", "  \n", "null", "true", "1", "-0", "-0.0", "1.5", "1e400", "-1e-400",
                "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                "123456789012345678901234567890", "0.1", "\"s\\u00e9\\n\"", "[]", "{}", "[1, 2.0, \"x\", true, false, null]",
                "{\"a\": {\"b\": [1, {\"c\": null}]}, \"d\": -5}", "{\"a\": 1, \"a\": 2}", "{\"a\": {\"x\": 1, \"x\": 1}}",
                "[1, 2", "{\"a\": ", "{} trailing", "[1] ]", "]", "{\"a\" 1}", "[01]", "[1.]", "NaN", "[\"\\q\"]",
                "{\"k\": 1,}", "[" + "1".repeat(70) + "]", "[".repeat(70) + "]".repeat(70), "\"unterminated"));
        // the tool's own JSON files of the test resources
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            files.filter(f -> f.toString().endsWith(".json")).limit(200).forEach(f -> {
                try {
                    texts.add(Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(texts).hasSizeGreaterThan(45);
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String expected;
            try {
                JsonNode tree = READ_TREE.readTree(bytes);
                expected = tree.getClass().getSimpleName() + " " + tree + " " + types(tree);
            } catch (JsonProcessingException e) {
                expected = JsonInput.problem(e, "t.json", "JSON").getMessage();
            }
            String actual;
            try {
                JsonNode tree = JsonInput.parseJson(bytes, "t.json");
                actual = tree.getClass().getSimpleName() + " " + tree + " " + types(tree);
            } catch (JsonInput.Problem e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(text.length() > 80 ? text.substring(0, 80) : text).isEqualTo(expected);
        }
    }

    /** Every node's type, depth first. */
    private static String types(JsonNode n) {
        StringBuilder s = new StringBuilder(n.getNodeType() + "/" + n.numberType());
        n.elements().forEachRemaining(c -> s.append(',').append(types(c)));
        return s.toString();
    }
}
