package org.iotevent.capture;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A capture program (tcpdump or Wireshark's dumpcap) found on the PATH: checks that it can capture
 * on an interface with a filter, and builds its command lines for rotating files and for a live
 * stream on standard output.
 */
public final class CaptureTool {
    /** Which program to use. */
    public enum Kind {
        /** tcpdump when installed, else dumpcap. */
        AUTO,
        TCPDUMP,
        DUMPCAP
    }

    private final Kind kind;
    private final Path executable;

    private CaptureTool(Kind kind, Path executable) {
        this.kind = kind;
        this.executable = executable;
    }

    /**
     * Finds the capture program on the PATH.
     *
     * @throws CaptureSetupException when it is not installed
     */
    public static CaptureTool find(Kind wanted) throws CaptureSetupException {
        if (wanted != Kind.DUMPCAP) {
            Optional<Path> t = onPath("tcpdump");
            if (t.isPresent()) {
                return new CaptureTool(Kind.TCPDUMP, t.get());
            }
        }
        if (wanted != Kind.TCPDUMP) {
            Optional<Path> d = onPath("dumpcap");
            if (d.isPresent()) {
                return new CaptureTool(Kind.DUMPCAP, d.get());
            }
        }
        String which = wanted == Kind.AUTO ? "neither tcpdump nor dumpcap is" : wanted.name().toLowerCase(Locale.ROOT) + " is not";
        throw new CaptureSetupException(which + " installed (not found on PATH " + System.getenv("PATH")
                + "); install tcpdump (Debian: apt-get install tcpdump)");
    }

    /**
     * Resolves a program name the way a shell does: a name containing '/' is a path, anything
     * else is searched in the PATH directories.
     */
    public static Optional<Path> onPath(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Kind kind() {
        return kind;
    }

    public Path executable() {
        return executable;
    }

    /** "tcpdump" or "dumpcap". */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks, without capturing anything, that the interface exists, that this process may
     * capture on it and that the filter compiles: runs the tool with {@code -d}, which opens the
     * interface and compiles the filter, then exits.
     *
     * @throws CaptureSetupException naming the interface or filter and what to do
     */
    public void check(String interfaceName, String filter) throws CaptureSetupException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "-i", interfaceName, "-d"));
        addFilter(cmd, filter);
        String out;
        int status;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CaptureSetupException(name() + " -d on " + interfaceName + " did not finish within 30 s");
            }
            status = p.exitValue();
            out = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CaptureSetupException("cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureSetupException("interrupted while checking " + interfaceName);
        }
        if (status == 0) {
            return;
        }
        String lower = out.toLowerCase(Locale.ROOT);
        if (lower.contains("no such device") || lower.contains("there is no device")
                || lower.contains("no interface") || lower.contains("doesn't exist")) {
            throw new CaptureSetupException("unknown interface '" + interfaceName + "'; " + name()
                    + " -D lists: " + String.join(", ", interfaces()));
        }
        if (lower.contains("permission") || lower.contains("not permitted")) {
            throw new CaptureSetupException("no permission to capture on '" + interfaceName + "': run as root, or "
                    + "allow " + executable + " to capture: setcap cap_net_raw,cap_net_admin=eip " + executable);
        }
        if (lower.contains("filter") || lower.contains("syntax")) {
            throw new CaptureSetupException("capture filter '" + filter + "' is not valid: " + firstLine(out));
        }
        throw new CaptureSetupException(name() + " cannot capture on '" + interfaceName + "': " + firstLine(out));
    }

    /** The interface names that the tool lists with {@code -D}; empty when it cannot list them. */
    public List<String> interfaces() {
        List<String> names = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(executable.toString(), "-D").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String s = line.replaceFirst("^\\d+\\.\\s*", "");
                if (!s.equals(line)) {
                    names.add(s.split("[\\s(\\[]", 2)[0]);
                }
            }
        } catch (IOException e) {
            return names;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }

    /**
     * Command that captures into rotating files.
     *
     * @param file the first file; tcpdump names the next ones file1, file2...; dumpcap inserts
     *     a number and a time into the name
     * @param rotateMegabytes size in MB (1,000,000 bytes) after which a new file starts
     */
    public List<String> fileCommand(String interfaceName, String filter, Path file, int rotateMegabytes) {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "-i", interfaceName));
        if (kind == Kind.TCPDUMP) {
            cmd.addAll(List.of("-n", "-U", "--immediate-mode", "-C", Integer.toString(rotateMegabytes), "-w", file.toString()));
            keepRoot(cmd);
        } else {
            cmd.addAll(List.of("-q", "-b", "filesize:" + (rotateMegabytes * 1000L), "-w", file.toString()));
        }
        addFilter(cmd, filter);
        return cmd;
    }

    /**
     * Command that writes a live packet stream to standard output, each packet as it arrives:
     * classic pcap from tcpdump, pcapng from dumpcap.
     */
    public List<String> streamCommand(String interfaceName, String filter) {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "-i", interfaceName));
        if (kind == Kind.TCPDUMP) {
            cmd.addAll(List.of("-n", "-U", "--immediate-mode", "-w", "-"));
            keepRoot(cmd);
        } else {
            cmd.addAll(List.of("-q", "-w", "-"));
        }
        addFilter(cmd, filter);
        return cmd;
    }

    /** The line the tool prints on standard error once it captures. */
    boolean isReadyLine(String line) {
        return kind == Kind.TCPDUMP ? line.contains("listening on") : line.startsWith("Capturing on");
    }

    /** tcpdump run as root drops to user tcpdump, who may not write the campaign folder. */
    private static void keepRoot(List<String> cmd) {
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-Z", "root"));
        }
    }

    private void addFilter(List<String> cmd, String filter) {
        if (!filter.isBlank()) {
            // after "--" (tcpdump) or as -f's argument (dumpcap): a filter starting with '-' is never an option
            cmd.add(kind == Kind.DUMPCAP ? "-f" : "--");
            cmd.add(filter);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
