package org.iotevent.detect;

import java.io.Writer;

/** The output formats of detections. */
public enum DetectionFormat {
    /** Aligned columns for a terminal. */
    TABLE,
    /** One JSON object a line. */
    JSONL,
    /** Comma-separated values with a header row. */
    CSV;

    /** A sink writing this format to {@code out}. */
    public DetectionSink open(Writer out) {
        return switch (this) {
            case TABLE -> new TableSink(out);
            case JSONL -> new JsonLinesSink(out);
            case CSV -> new CsvSink(out);
        };
    }
}
