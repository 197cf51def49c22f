package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent inspect}: one row per packet, as {@code tshark -T fields} would print it. */
@Command(name = "inspect",
        header = "Print one row per packet of a capture, as tshark -T fields does.",
        footerHeading = "%nExample:%n",
        footer = {"  iotevent inspect -r capture.pcapng --format table 'tcp port 443 and host 10.0.0.2'"},
        mixinStandardHelpOptions = true,
        description = "Print one row per packet of a capture (pcap or pcapng): lengths, link, 802.11, IP and port"
                + " fields, and whether the packet decoded ok, was truncated by the capture, or is malformed (with"
                + " the layer). Columns: frame time_epoch wire_len cap_len interface link_type link_src link_dst"
                + " wlan_ta wlan_ra wlan_bssid wlan_type_subtype protected ip_src ip_dst ip_proto ip_len src_port"
                + " dst_port status.")
public final class InspectCommand implements Callable<Integer> {
    /** Rows buffered before the table format fixes its column widths. */
    private static final int TABLE_SAMPLE_ROWS = 1000;
    /** Characters collected before they are handed to the output. */
    private static final int FLUSH_CHARS = 1 << 16;

    /** Output formats. */
    enum Format { tsv, table }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Option(names = "--format", paramLabel = "tsv|table", defaultValue = "tsv",
            description = "tsv (default): a header row, then tab-separated rows; table: aligned columns for humans.")
    private Format format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        // from standard input (a live tcpdump -U -w -), each row goes out as it is decoded, as tcpdump prints
        boolean streaming = read.stdin();
        RowSink sink = format == Format.table ? new TableSink(out, streaming ? 0 : TABLE_SAMPLE_ROWS)
                : new TsvSink(out);
        sink.flushChars = streaming ? 0 : FLUSH_CHARS;
        // nothing on stdout for an input that is not a capture or a wrong filter, as tcpdump
        try (PacketSource source = read.open(spec.commandLine().getErr())) {
            sink.header();
            try {
                CaptureRecord record = new CaptureRecord();
                DecodedPacket packet = new DecodedPacket();
                LinkDecoder decoder = new LinkDecoder();
                while (!sink.closed() && source.next(record)) {
                    decoder.decode(record, packet);
                    sink.row(packet);
                }
            } finally {
                sink.finish();
            }
        }
        return 0;
    }

    /** Where rows go; {@link #finish} writes out whatever is held, also after an error. */
    private abstract static class RowSink {
        final PrintWriter out;
        final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 1024);
        /** Characters held before they go out: 0 writes and flushes every row. */
        int flushChars = FLUSH_CHARS;
        private boolean closed;

        RowSink(PrintWriter out) {
            this.out = out;
        }

        abstract void header();

        abstract void row(DecodedPacket p);

        void finish() {
            flush();
            out.flush();
        }

        void flushIfFull() {
            if (buffer.length() >= flushChars) {
                flush();
                if (flushChars == 0) {
                    out.flush();
                }
            }
        }

        void flush() {
            out.append(buffer);
            buffer.setLength(0);
            closed = out.checkError();
        }

        /** True once the output failed (a reader such as {@code head} closed the pipe): stop reading. */
        boolean closed() {
            return closed;
        }
    }

    private static final class TsvSink extends RowSink {
        TsvSink(PrintWriter out) {
            super(out);
        }

        @Override
        void header() {
            buffer.append(String.join("\t", InspectRow.COLUMNS)).append('\n');
        }

        @Override
        void row(DecodedPacket p) {
            InspectRow.append(buffer, p);
            buffer.append('\n');
            flushIfFull();
        }
    }

    /**
     * Aligned columns: the widths come from the header and the first rows; a later, longer cell
     * pushes its row's remaining cells right.
     */
    private static final class TableSink extends RowSink {
        private final List<String[]> sample = new ArrayList<>();
        private final StringBuilder line = new StringBuilder(256);
        private final int sampleRows;
        private int[] widths;

        TableSink(PrintWriter out, int sampleRows) {
            super(out);
            this.sampleRows = sampleRows;
        }

        @Override
        void header() {
            sample.add(InspectRow.COLUMNS);
        }

        @Override
        void row(DecodedPacket p) {
            line.setLength(0);
            InspectRow.append(line, p);
            String[] cells = line.toString().split("\t", -1);
            if (widths == null) {
                sample.add(cells);
                if (sample.size() > sampleRows) {
                    printSample();
                    flushIfFull();
                }
            } else {
                print(cells);
                flushIfFull();
            }
        }

        @Override
        void finish() {
            if (widths == null) {
                printSample();
            }
            super.finish();
        }

        private void printSample() {
            widths = new int[InspectRow.COLUMNS.length];
            for (String[] cells : sample) {
                for (int i = 0; i < cells.length; i++) {
                    widths[i] = Math.max(widths[i], cells[i].isEmpty() ? 1 : cells[i].length());
                }
            }
            for (String[] cells : sample) {
                print(cells);
            }
            sample.clear();
        }

        private void print(String[] cells) {
            int start = buffer.length();
            int target = 0;
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i].isEmpty() ? "-" : cells[i];
                buffer.append(cell);
                target += widths[i] + 2;
                if (i < cells.length - 1) {
                    do {
                        buffer.append(' ');
                    } while (buffer.length() - start < target);
                }
            }
            buffer.append('\n');
        }
    }
}
