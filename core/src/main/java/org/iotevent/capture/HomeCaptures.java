package org.iotevent.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * A folder of homes' captures, as a panel or an ISP keeps them: each capture file is one home
 * (named after the file less its extensions: {@code home-7.pcap.gz} is {@code home-7}), each
 * subfolder one home (named after it; its capture files read as one rotated capture, as
 * {@code -r DIR} reads them). Files and folders that hold no capture are passed over.
 */
public final class HomeCaptures {
    private HomeCaptures() {}

    /** One home's capture: a file or a folder of rotated files. */
    public record HomeCapture(String id, Path path) {
        /** Opens the capture (a folder holding a single capture file reads it as that file). */
        public PacketSource open() throws IOException {
            return open(FileAccess.MAPPED);
        }

        /** As {@link #open()}, its files read with {@code access}. */
        public PacketSource open(FileAccess access) throws IOException {
            if (!Files.isDirectory(path)) {
                return access.open(path);
            }
            List<Path> files = captureFiles(path);
            if (files.size() == 1) {
                return access.open(files.get(0));
            }
            return CaptureSequence.openDirectory(path, w -> {}, access);
        }
    }

    /**
     * The homes of {@code folder}, in name order.
     *
     * @throws CaptureFormatException when the folder holds no home
     */
    public static List<HomeCapture> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new CaptureFormatException(folder + ": not a folder of homes' captures");
        }
        List<HomeCapture> homes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && !captureFiles(p).isEmpty()) {
                    homes.add(new HomeCapture(name, p));
                } else if (Files.isRegularFile(p) && CaptureSequence.startsWithCaptureMagic(p)) {
                    homes.add(new HomeCapture(name.replaceFirst("(\\.(pcapng|pcap|cap|gz))+$", ""), p));
                }
            }
        }
        if (homes.isEmpty()) {
            throw new CaptureFormatException(folder + ": no home in this folder (a capture file or a subfolder of "
                    + "capture files per home)");
        }
        return homes;
    }

    private static List<Path> captureFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path f : entries.sorted().toList()) {
                if (Files.isRegularFile(f) && Files.isReadable(f) && CaptureSequence.startsWithCaptureMagic(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** Receives the merged packets. */
    public interface Sink {
        /**
         * One timed packet.
         *
         * @param home the home's id
         * @param record the packet (valid during the call)
         * @param timelineNanos its time on the common timeline: capture time less the home's first
         *     packet's capture time
         */
        void packet(String home, CaptureRecord record, long timelineNanos) throws IOException;
    }

    /**
     * Reads the homes together as their capture agents would have sent them had they started at
     * the same moment: every home's clock is moved so that its first packet is at 0, and the
     * packets of all homes come in the order of that common timeline. Records without a
     * timestamp are passed over. More homes than {@link FileAccess#MAPPED_AT_ONCE} are read
     * through a buffer each ({@link FileAccess#forFilesAtOnce}).
     *
     * @return the number of packets given to {@code out}
     */
    public static long merge(List<HomeCapture> homes, Sink out) throws IOException {
        List<PacketSource> open = new ArrayList<>();
        PriorityQueue<Head> queue = timeline();
        Throwable failure = null;
        try {
            FileAccess access = FileAccess.forFilesAtOnce(homes.size());
            for (HomeCapture h : homes) {
                Head head = new Head(h.id(), h.open(access));
                open.add(head.source);
                head.start(queue);
            }
            return drain(queue, out);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            PacketSource.closeAll(open, failure); // every home closed; what failed first is what is thrown
        }
    }

    /**
     * Reads one home's {@code source} as {@link #merge} reads each home: its first packet at 0 on
     * the timeline, records without a timestamp passed over. Leaves {@code source} open.
     *
     * @return the number of packets given to {@code out}
     */
    public static long replay(String home, PacketSource source, Sink out) throws IOException {
        PriorityQueue<Head> queue = timeline();
        new Head(home, source).start(queue);
        return drain(queue, out);
    }

    private static PriorityQueue<Head> timeline() {
        return new PriorityQueue<>((a, b) -> Long.compare(a.timeline(), b.timeline()));
    }

    /** Gives {@code out} the packets of the homes in {@code queue} in timeline order; returns how many. */
    private static long drain(PriorityQueue<Head> queue, Sink out) throws IOException {
        long packets = 0;
        while (!queue.isEmpty()) {
            Head head = queue.poll();
            out.packet(head.home, head.record, head.timeline());
            packets++;
            if (head.advance()) {
                queue.add(head);
            }
        }
        return packets;
    }

    private static final class Head {
        final String home;
        final PacketSource source;
        final CaptureRecord record = new CaptureRecord();
        long first;

        Head(String home, PacketSource source) {
            this.home = home;
            this.source = source;
        }

        /** Reads the home's first timed packet, which sets its 0, and queues the home if there is one. */
        void start(PriorityQueue<Head> queue) throws IOException {
            if (advance()) {
                first = record.timestampNanos;
                queue.add(this);
            }
        }

        long timeline() {
            return record.timestampNanos - first;
        }

        boolean advance() throws IOException {
            while (source.next(record)) {
                if (record.hasTimestamp) {
                    return true;
                }
            }
            return false;
        }
    }
}
