package org.iotevent.capture;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pcap-filter expression with tcpdump's exact meaning: the real libpcap compiles it (through
 * {@code tcpdump -ddd}, fed a pcap file header of the record's link type, as {@code tcpdump -r}
 * compiles for a file), once per link type met, and {@link BpfProgram} runs the code on each
 * record. Not thread-safe.
 */
public final class PacketFilter {
    /** Snapshot length the expression is compiled for: libpcap's largest, as tcpdump's default. */
    static final int SNAPLEN = 262_144;
    private static final long COMPILE_SECONDS = 30;

    private final String expression;
    private final Path tcpdump;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();
    /** False until the first record: libpcap's refusal for the capture's first link type is an error. */
    private boolean started;
    private int lastLinkType = Integer.MIN_VALUE;
    private BpfProgram last;

    private PacketFilter(String expression, Path tcpdump) {
        this.expression = expression;
        this.tcpdump = tcpdump;
    }

    /**
     * A filter for {@code expression}, compiled for each link type when its first record comes
     * (what an expression means, and whether libpcap takes it, depends on the link type:
     * {@code wlan addr2} only exists on 802.11, {@code vlan} not on raw IP). An expression that
     * libpcap refuses for Ethernet, raw IP and radiotap alike (a syntax error, a port above
     * 65535, an unknown host name) is refused here, before any packet.
     *
     * @throws FilterException when tcpdump is missing or the expression is wrong on every link
     */
    public static PacketFilter of(String expression) throws IOException {
        PacketFilter f = new PacketFilter(expression, findTcpdump());
        FilterException first = null;
        for (int linkType : new int[] {LinkType.ETHERNET, LinkType.RAW, LinkType.IEEE802_11_RADIOTAP}) {
            try {
                f.programs.put(linkType, BpfProgram.parse(f.libpcapCode(linkType)));
                return f;
            } catch (FilterException e) {
                first = first != null ? first : e;
            }
        }
        throw new FilterException(first.getMessage().replace(" (link type ethernet)", ""));
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /**
     * True when libpcap's code for the record's link type accepts it.
     *
     * @throws FilterException when libpcap cannot compile the expression for that link type
     */
    public boolean matches(CaptureRecord record) throws IOException {
        if (record.linkType != lastLinkType) {
            last = program(record.linkType);
            lastLinkType = record.linkType;
        }
        return last.matches(record);
    }

    /**
     * The code for {@code linkType}. libpcap compiles for the first link type of a capture and
     * refuses what it cannot compile there; a later link type (another interface of a pcapng
     * file, another file) for which libpcap refuses the expression ({@code ether broadcast} on
     * a cooked link, {@code arp} on NULL: "expression rejects all packets") matches nothing, as
     * none of its packets can be what the expression names.
     */
    private BpfProgram program(int linkType) throws IOException {
        BpfProgram p = programs.get(linkType);
        if (p == null) {
            try {
                p = BpfProgram.parse(libpcapCode(linkType));
            } catch (FilterException e) {
                if (!started) {
                    throw e;
                }
                p = REJECT_ALL;
            }
            programs.put(linkType, p);
        }
        started = true;
        return p;
    }

    private static final BpfProgram REJECT_ALL = BpfProgram.parse("1\n6 0 0 0");

    /** {@code tcpdump -r - -ddd} on a header-only pcap file of {@code linkType}: libpcap's code, as text. */
    private String libpcapCode(int linkType) throws IOException {
        List<String> command = List.of(tcpdump.toString(), "-r", "-", "-ddd", "--", expression);
        Process p = new ProcessBuilder(command).start();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(linkType);
        try (OutputStream in = p.getOutputStream()) {
            in.write(header.array());
        } catch (IOException ignored) {
            // tcpdump exited before reading: its message says why
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
        drain.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FilterException("filter '" + expression + "': " + tcpdump + " did not answer within "
                        + COMPILE_SECONDS + " s");
            }
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new FilterException("filter '" + expression + "': interrupted while libpcap compiled it");
        }
        if (p.exitValue() != 0) {
            throw new FilterException("filter '" + expression + "' (link type " + LinkType.name(linkType) + "): "
                    + libpcapMessage(new String(err.toByteArray(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** tcpdump's error lines without its "reading from file" notice and its own name. */
    static String libpcapMessage(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("reading from file") && !line.startsWith("Warning:")) {
                lines.add(line.startsWith("tcpdump: ") ? line.substring(9) : line);
            }
        }
        return lines.isEmpty() ? "tcpdump failed without a message" : String.join("; ", lines);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the exit code still tells the failure
        }
    }

    /** tcpdump on the PATH, or in the sbin directories where Debian puts it. */
    static Path findTcpdump() throws FilterException {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin"));
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "tcpdump");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new FilterException("a filter expression needs tcpdump (libpcap compiles it as tcpdump does), "
                + "which is not installed (Debian: apt install tcpdump)");
    }

    /** An expression libpcap refuses, or no libpcap to compile it. */
    public static final class FilterException extends IOException {
        private static final long serialVersionUID = 1L;

        public FilterException(String message) {
            super(message);
        }
    }
}
