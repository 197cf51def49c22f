package org.iotevent.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one way the tool parses JSON and YAML it is given (signatures, evaluations, defences, device
 * models and homes, campaigns, detections): bounded size, nesting depth, number length and string
 * length, and a key given twice in an object is an error, not a silent last-one-wins. A file
 * beyond a limit, or malformed, gets one message naming it, the place and what is wrong.
 */
public final class JsonInput {
    /** Largest file read, in bytes. */
    public static final long MAX_BYTES = 256L << 20;
    /** Deepest nesting of arrays and objects (the tool's own files nest fewer than 10 deep). */
    public static final int MAX_DEPTH = 64;
    /** Longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest string, in characters. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /**
     * Most tokens (values, keys, brackets) in one file, which bounds the memory of its tree: a
     * signature at its limits (100 000 samples, 2 million packets) has about 3 million.
     */
    public static final long MAX_TOKENS = 4_000_000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(4096).maxDocumentLength(MAX_BYTES).maxTokenCount(MAX_TOKENS).build();
    /**
     * JSON's parser; the tree is built from its tokens as {@code ObjectMapper.readTree} builds it
     * ({@link #tree}): an {@code ObjectMapper}'s first use initialises some hundred classes (date
     * formats, locale data), a tenth of a second of a one-shot run's start-up (detect's signatures).
     */
    static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** YAML's mapper, made at its first use. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder().streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }

    private JsonInput() {}

    /** A file or text that is not acceptable JSON or YAML; the message names the source and the place. */
    public static final class Problem extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean truncated;

        Problem(String message, boolean truncated) {
            super(message);
            this.truncated = truncated;
        }

        /** True when the text ended before the JSON was complete (a file cut short). */
        public boolean truncated() {
            return truncated;
        }
    }

    /** Reads a JSON file of at most {@code maxBytes} (and {@link #MAX_BYTES}). */
    public static JsonNode readJson(Path file, long maxBytes) throws Problem {
        return parseJson(bytes(file, maxBytes), file.toString());
    }

    /** Parses JSON text (a file's bytes, one JSON Lines line) read from {@code source}. */
    public static JsonNode parseJson(byte[] json, String source) throws Problem {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            return first == null ? MissingNode.getInstance() : tree(p, first);
        } catch (JsonProcessingException e) {
            throw problem(e, source, "JSON");
        } catch (IOException e) {
            throw new Problem(source + ": cannot read: " + e.getMessage(), false);
        }
    }

    /**
     * The value that starts with {@code token}, as {@code ObjectMapper.readTree} makes it by
     * default: integers as int, long or big-integer nodes by size, other numbers as doubles; what
     * follows the value is not read. Depth is bounded by the parser's limit.
     */
    private static JsonNode tree(JsonParser p, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    object.set(name, tree(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(tree(p, t));
                }
                return array;
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(p.getDoubleValue());
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + token);
        }
    }

    /** Parses YAML text read from {@code source}. */
    public static JsonNode parseYaml(String yaml, String source) throws Problem {
        return parse(Yaml.MAPPER, yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), source, "YAML");
    }

    /** A text file's content, refused beyond {@code maxBytes} or when it is not UTF-8. */
    public static String utf8(Path file, long maxBytes) throws Problem {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes(file, maxBytes))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Problem(file + ": not UTF-8 text", false);
        }
    }

    /** A file's bytes, refused beyond {@code maxBytes}. */
    public static byte[] bytes(Path file, long maxBytes) throws Problem {
        long limit = Math.min(maxBytes, MAX_BYTES);
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new Problem(file + ": " + size + " bytes, more than the " + limit + " this file may hold", false);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Problem(file + ": no such file", false);
        } catch (Problem e) {
            throw e;
        } catch (IOException e) {
            throw new Problem(file + ": cannot read: " + e.getMessage(), false);
        }
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] text, String source, String language) throws Problem {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw problem(e, source, language);
        } catch (IOException e) {
            throw new Problem(source + ": cannot read: " + e.getMessage(), false);
        }
    }

    static Problem problem(JsonProcessingException e, String source, String language) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("?");
        if (e instanceof StreamConstraintsException) {
            return new Problem(source + ": beyond the limits of an input file" + where + ": "
                    + what.replaceAll(", from `[^`]*`", "") + " (limits: " + MAX_DEPTH + " levels of nesting, numbers of "
                    + MAX_NUMBER_LENGTH + " characters, strings of " + MAX_STRING_LENGTH + " characters, " + MAX_TOKENS
                    + " values in all)", false);
        }
        if (e instanceof JsonEOFException || what.contains("end-of-input")) {
            return new Problem(source + ": truncated, the " + language + " ends" + where + " before it is complete", true);
        }
        if (what.startsWith("Duplicate field")) {
            return new Problem(source + ": " + what.replace("Duplicate field", "key given twice:") + where, false);
        }
        return new Problem(source + ": not valid " + language + where + ": " + what, false);
    }
}
