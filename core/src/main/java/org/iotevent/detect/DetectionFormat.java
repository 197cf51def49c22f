package org.iotevent.detect;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

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
        return open(Text.Output.of(out));
    }

    /**
     * A sink writing this format to {@code out} as bytes, names encoded in {@code charset}: the
     * same text as {@link #open(Writer)} over a writer of that charset, without the writer's
     * conversion (the sink buffers; {@link DetectionSink#finish} flushes).
     */
    public DetectionSink open(OutputStream out, Charset charset) {
        return open(Text.Output.of(out, charset));
    }

    private DetectionSink open(Text.Output out) {
        return switch (this) {
            case TABLE -> new TableSink(out);
            case JSONL -> new JsonLinesSink(out);
            case CSV -> new CsvSink(out);
        };
    }
}
