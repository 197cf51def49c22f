package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureSequence;
import org.iotevent.capture.FileAccess;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.TimestampCheck;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.traffic.AddressCensus;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.TrafficStats;

/** Opening a {@code -r} capture, and the error for a device that has no packets in it. */
final class CaptureInput {
    private CaptureInput() {}

    /**
     * Opens {@code input}: a file, a directory whose capture files are read in name order as one
     * capture (a campaign folder with rotated files), or {@code -} for standard input.
     */
    static PacketSource open(String input) throws IOException {
        return open(input, w -> {});
    }

    /** As {@link #open(String)}; a directory's skipped, damaged or overlapping files are said on {@code warnings}. */
    static PacketSource open(String input, Consumer<String> warnings) throws IOException {
        return open(input, warnings, FileAccess.MAPPED);
    }

    /** As {@link #open(String, Consumer)}, its files read with {@code access}. */
    static PacketSource open(String input, Consumer<String> warnings, FileAccess access) throws IOException {
        if ("-".equals(input)) {
            requireStandardInput();
            return CaptureReaders.open("-", System.in);
        }
        if (Files.isDirectory(Path.of(input))) {
            return CaptureSequence.openDirectory(Path.of(input), warnings, access);
        }
        return access.open(existingFile(input, "capture"));
    }

    /** Refuses the same capture file given twice to {@code -r} (by path or by identical content). */
    static void refuseIdenticalFiles(List<String> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String input : inputs) {
            if (!"-".equals(input) && Files.isRegularFile(Path.of(input))) {
                files.add(existingFile(input, "capture"));
            }
        }
        for (Map.Entry<Path, Path> copy : CaptureSequence.identicalCopies(files).entrySet()) {
            throw new UserInputException(copy.getKey() + " and " + copy.getValue() + " are the same capture"
                    + (Files.isSameFile(copy.getKey(), copy.getValue()) ? " file" : " (identical bytes)")
                    + ": reading both would count every packet twice");
        }
    }

    /**
     * Refuses a closed standard input ({@code <&-}): descriptor 0 is then the first file the JVM
     * opened (its {@code lib/modules} image or the jar), which reading as a capture would misread
     * or crash on.
     */
    static void requireStandardInput() {
        Path target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
        } catch (IOException | UnsupportedOperationException notLinux) {
            return;
        }
        List<String> own = new java.util.ArrayList<>(List.of(System.getProperty("java.home")));
        own.addAll(List.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)));
        for (String p : own) {
            if (!p.isEmpty() && target.isAbsolute() && target.startsWith(Path.of(p).toAbsolutePath())) {
                throw new UserInputException("-: standard input is closed (descriptor 0 is the JVM's own " + target
                        + "): pipe a capture into it, e.g. tcpdump -U -w - | iotevent ..., or give a file");
            }
        }
    }

    /** {@code source} with corrupted timestamps set aside, each reported on {@code err} as a warning. */
    static PacketSource timeChecked(PacketSource source, PrintWriter err) {
        return new TimestampCheck(source, m -> {
            err.println("iotevent: warning: " + m);
            err.flush();
        });
    }

    /** The paths named (null ones left out), for {@link org.iotevent.io.AtomicFileOutput#requireWritable}. */
    static Path[] paths(String... names) {
        return java.util.Arrays.stream(names).filter(n -> n != null && !"-".equals(n)).map(Path::of).toArray(Path[]::new);
    }

    /** A readable regular file, or a one-line error naming it. */
    static Path existingFile(String name, String what) {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(what + " " + name + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new UserInputException(what + " " + name + ": not readable (permission denied)");
        }
        return file;
    }

    /** Parses {@code --device}/{@code --cloud}, turning a mistake into a one-line error. */
    static DeviceSelector selector(String device, List<String> cloud) {
        try {
            return DeviceSelector.parse(device, cloud);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /**
     * Fails when the device had no packets: names the capture's busiest addresses (read again
     * when the capture is a file) so the user can pick the right {@code --device}.
     */
    static void requireDevicePackets(String input, TrafficStats stats, DeviceSelector device) throws IOException {
        requireDevicePackets(input, stats, device, "-".equals(input) ? null : () -> open(input));
    }

    /** As above; {@code reopen} reads the capture again, or is null when it cannot be read twice. */
    static void requireDevicePackets(String input, TrafficStats stats, DeviceSelector device, LiveOptions.Opener reopen)
            throws IOException {
        if (stats.devicePackets() > 0) {
            return;
        }
        String message = input + ": no packet of the device (" + device.describe() + ") among " + stats.packets() + " packets";
        if (reopen != null && stats.packets() > 0) {
            try (PacketSource again = reopen.open()) {
                List<AddressCensus.Entry> busiest = AddressCensus.busiest(again, new LinkDecoder(), 5);
                if (!busiest.isEmpty()) {
                    message += "; busiest addresses: " + busiest.stream()
                            .map(e -> e.address() + " (" + e.packets() + ")").collect(Collectors.joining(", "));
                }
            }
        }
        throw new UserInputException(message);
    }

    /** Seconds to nanoseconds, refusing values out of range. */
    static long nanos(double seconds, String option, double min) {
        if (!(seconds >= min && seconds <= 86_400)) {
            throw new UserInputException(option + " " + seconds + ": expected seconds in [" + min + ", 86400]");
        }
        return Math.round(seconds * 1e9);
    }
}
