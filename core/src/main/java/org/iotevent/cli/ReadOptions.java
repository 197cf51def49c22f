package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.iotevent.capture.FileAccess;
import org.iotevent.capture.FilteredSource;
import org.iotevent.capture.MergedSource;
import org.iotevent.capture.PacketFilter;
import org.iotevent.capture.PacketSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How tcpdump reads, for inspect and detect: {@code -r} once or more (several captures merged in
 * time order, as mergecap merges them), {@code -c COUNT}, and a trailing filter expression with
 * tcpdump's meaning.
 */
final class ReadOptions {
    @Option(names = {"-r", "--read"}, paramLabel = "CAPTURE",
            description = "Capture to read (pcap or pcapng, told apart by its magic number; gzip-compressed too), a "
                    + "directory of rotated capture files read as one, or - for standard input. Given several times, "
                    + "the captures are merged in time order (as mergecap), each packet present in two read once.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "-c", paramLabel = "COUNT",
            description = "Stop after COUNT packets (those the filter expression keeps), as tcpdump -c.")
    Long count;

    @Parameters(paramLabel = "EXPRESSION", arity = "0..*",
            description = "A pcap-filter expression, as tcpdump takes it (e.g. 'tcp port 443 and host 10.0.0.2'): only "
                    + "the packets it matches are read. Compiled by libpcap through tcpdump, which must be installed.")
    List<String> expression = new ArrayList<>();

    /** True when no {@code -r} was given. */
    boolean none() {
        return inputs.isEmpty();
    }

    /** The single input, {@code "-"} for standard input, or null when several or none are given. */
    String single() {
        return inputs.size() == 1 ? inputs.get(0) : null;
    }

    /** True when standard input is read. */
    boolean stdin() {
        return inputs.contains("-");
    }

    /** The inputs for messages. */
    String name() {
        return inputs.isEmpty() ? "-" : String.join(" + ", inputs);
    }

    /** The filter expression, words joined by spaces as tcpdump joins them, or null. */
    String filterExpression() {
        String e = String.join(" ", expression).strip();
        return e.isEmpty() ? null : e;
    }

    /** Opens the inputs, merged, filtered and limited; warnings go to {@code err}. */
    PacketSource open(PrintWriter err) throws IOException {
        if (count != null && count < 1) {
            throw new UserInputException("-c " + count + ": expected a count of packets >= 1");
        }
        if (inputs.isEmpty()) {
            throw new UserInputException("give a capture to read: -r FILE, -r DIR or -r - for standard input");
        }
        if (inputs.stream().filter("-"::equals).count() > (inputs.size() > 1 ? 0 : 1)) {
            throw new UserInputException("-r -: standard input can only be read alone");
        }
        String expr = filterExpression();
        PacketFilter filter = expr == null ? null : PacketFilter.of(expr);
        Consumer<String> warnings = warnings(err);
        PacketSource source;
        if (inputs.size() == 1) {
            source = CaptureInput.open(inputs.get(0), warnings);
        } else {
            CaptureInput.refuseIdenticalFiles(inputs);
            List<PacketSource> opened = new ArrayList<>();
            FileAccess access = FileAccess.forFilesAtOnce(inputs.size());
            try {
                for (String input : inputs) {
                    opened.add(CaptureInput.open(input, warnings, access));
                }
            } catch (IOException | RuntimeException | Error e) {
                PacketSource.closeAll(opened, e);
                throw e;
            }
            source = new MergedSource(opened, warnings);
        }
        return FilteredSource.of(source, filter, count == null ? Long.MAX_VALUE : count);
    }

    /** Each warning as one line on {@code err}, flushed. */
    static Consumer<String> warnings(PrintWriter err) {
        return w -> {
            err.println("iotevent: warning: " + w);
            err.flush();
        };
    }
}
