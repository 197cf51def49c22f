package org.iotevent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapngWriter;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.Signature;
import org.iotevent.traffic.Burst;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.LengthLayer;
import org.iotevent.traffic.TrafficStats;

/**
 * Detection over a capture for one or several devices, in one pass: decode each packet once,
 * select each device's packets ({@link DeviceView}), cut and label them (as {@link DeviceDetector} does),
 * name each burst's peer ({@link BurstPeers}), and write the detections of all devices to one sink
 * in order of their start ({@link TimeOrder}); optionally an annotated copy of the capture
 * ({@link AnnotatedCapture}). The same pipeline reads a file to its end ({@link #run}) or a live
 * stream ({@link #runLive}, which also closes bursts while the input is idle). Over a file it
 * uses a second core when there is one ({@link #threads}): the same output, in the same order.
 * Used once per run.
 */
public final class DetectionPipeline {
    /**
     * One watched device.
     *
     * @param name its name in the detections
     * @param selector how its packets are selected
     * @param detector labels its bursts
     * @param gapNanos the burst gap {@code a}, nanoseconds
     * @param layer the layer its packet lengths are measured at (its signature's)
     */
    public record Device(String name, DeviceSelector selector, Detector detector, long gapNanos, LengthLayer layer) {
        /** A device whose lengths are IP-layer lengths. */
        public Device(String name, DeviceSelector selector, Detector detector, long gapNanos) {
            this(name, selector, detector, gapNanos, LengthLayer.IP);
        }

        /** The device as {@code signature} describes it, selected by {@code selector}. */
        public static Device of(String name, DeviceSelector selector, Signature signature) {
            return new Device(name, selector, Detector.of(signature), signature.gapNanos(), signature.layer());
        }
    }

    /** Hears of each detection as its burst closes, before the detections are put in time order. */
    public interface Listener {
        /** @param device the device's index in the pipeline's list */
        void detected(int device, Detection detection);
    }

    private final List<Device> devices;
    /** Per device, {@link Detection#idSeed} of its name. */
    private final long[] idSeeds;
    private final DetectionSink sink;
    private final List<DeviceView> views = new ArrayList<>();
    private final List<BurstSegmenter> segmenters = new ArrayList<>();
    private final TimeOrder order;
    private final BurstPeers peers;
    private Listener listener = (device, detection) -> {};
    private AnnotatedCapture annotated;
    private IOException failure;
    private BurstSegmenter[] segmenterArray;
    private int threads = Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;
    /** In a two-thread run: takes each labelled burst to the thread that names, orders and writes it. */
    private Handoff<Closed> handoff;

    /** A closed burst with what only the reading thread knows when it closes: its peer and the watermark. */
    private record Closed(int device, Burst burst, String peer, long watermarkNanos) {}

    /**
     * @param devices the watched devices, at least one
     * @param sink receives every detection, in order of start; finished at the end of the run
     */
    public DetectionPipeline(List<Device> devices, DetectionSink sink) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device to watch");
        }
        this.devices = List.copyOf(devices);
        this.sink = sink;
        // several devices' bursts close out of start order: one stream in time order
        this.order = new TimeOrder(sink);
        this.idSeeds = this.devices.stream().mapToLong(d -> Detection.idSeed(d.name())).toArray();
        for (int d = 0; d < this.devices.size(); d++) {
            Device device = this.devices.get(d);
            int index = d;
            views.add(new DeviceView(device.selector(), device.layer()));
            segmenters.add(new BurstSegmenter(device.gapNanos(), BurstSegmenter.DEFAULT_MAX_PACKETS, b -> closed(index, b)));
        }
        this.peers = new BurstPeers(segmenters);
    }

    /**
     * Runs {@link #run} on 1 or 2 threads (default: 2 when the machine has several cores). With 2,
     * one reads, decodes, selects and cuts, the other labels each burst, names it, tells the
     * listener (on that thread), puts the detections in time order and writes them: the same
     * detections in the same order as with 1. An annotated copy and {@link #runLive} use 1.
     */
    public DetectionPipeline threads(int n) {
        if (n != 1 && n != 2) {
            throw new IllegalArgumentException("threads must be 1 or 2, found " + n);
        }
        this.threads = n;
        return this;
    }

    /** Tells {@code l} of every detection as it happens (counts, alerts); returns this. */
    public DetectionPipeline listener(Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * Also writes the capture to {@code out} as pcapng with a comment on every packet of each
     * detected burst (the caller closes {@code out}; the pipeline writes its last packets at the
     * end of the run, also after a damaged capture); returns this.
     */
    public DetectionPipeline annotate(OutputStream out) throws IOException {
        this.annotated = new AnnotatedCapture(new PcapngWriter(out), devices.size());
        return this;
    }

    private void closed(int index, Burst burst) {
        String peer = peers.peerOf(index, burst.firstFrame());
        long watermark = watermark();
        if (handoff == null) {
            labelled(index, burst, peer, watermark);
        } else if (failure == null) {
            try {
                handoff.accept(new Closed(index, burst, peer, watermark));
            } catch (IOException x) {
                failure = x;
            }
        }
    }

    /** The start of the earliest burst still open on any device ({@code Long.MAX_VALUE} when none is). */
    private long watermark() {
        if (segmenterArray == null) {
            segmenterArray = segmenters.toArray(BurstSegmenter[]::new);
        }
        long min = Long.MAX_VALUE;
        for (BurstSegmenter s : segmenterArray) {
            min = Math.min(min, s.openStartNanos());
        }
        return min;
    }

    /** Labels, names, tells, orders and writes one burst (on the writing thread when there are two). */
    private void labelled(int index, Burst burst, String peer, long watermark) {
        Device device = devices.get(index);
        DetectedEvent e = device.detector().detect(burst);
        Detection detection = Detection.of(idSeeds[index], device.name(), device.selector().text(), peer, e);
        listener.detected(index, detection);
        order.add(detection);
        if (failure != null) {
            return;
        }
        try {
            if (annotated != null) {
                annotated.burstClosed(index, detection);
            }
            order.release(watermark);
        } catch (IOException x) {
            failure = x;
        }
    }

    /**
     * Reads {@code source} to its end.
     *
     * @return each device's statistics, in the devices' order
     * @throws IOException when the capture is damaged or an output cannot be written; the
     *     detections of the bursts closed before the fault were written
     */
    public List<TrafficStats> run(PacketSource source) throws IOException {
        if (threads == 2 && annotated == null) {
            handoff = new Handoff<>("iotevent-detections", 1024, 8, c -> {
                labelled(c.device(), c.burst(), c.peer(), c.watermarkNanos());
                if (failure != null) {
                    throw failure; // stops the reading thread at its next burst
                }
            });
        }
        return finishing(() -> DeviceTraffic.runAll(source, new LinkDecoder(), views, segmenters, observer()));
    }

    /**
     * Reads a live stream ({@code -r -}, or a {@link org.iotevent.capture.LiveCapture}) until it
     * ends, closing bursts while it is idle on {@code ticker}'s ticks and flushing the sink after
     * every burst.
     */
    public List<TrafficStats> runLive(PacketSource source, Ticker ticker) throws IOException {
        LiveDetector live = new LiveDetector(new LinkDecoder(), views, segmenters, sink::finish, ticker);
        live.observe(observer());
        return finishing(() -> live.run(source));
    }

    private DeviceTraffic.PacketObserver observer() {
        AnnotatedCapture a = annotated;
        return a == null ? peers : (record, packet, signed) -> {
            peers.packet(record, packet, signed);
            a.packet(record, packet, signed);
        };
    }

    private interface Pass {
        List<TrafficStats> run() throws IOException;
    }

    /** Runs {@code pass}, then writes what is held and finishes the sink and the annotated copy, also after a fault. */
    private List<TrafficStats> finishing(Pass pass) throws IOException {
        List<TrafficStats> stats;
        try {
            stats = pass.run();
        } finally {
            if (handoff != null) {
                // every burst closed before the end (or a fault) is written, then the writing thread ends
                try {
                    handoff.finish();
                } catch (IOException x) {
                    failure = failure == null ? x : failure;
                }
            }
            if (failure == null) {
                order.finish();
            }
            try {
                sink.finish();
            } finally {
                if (annotated != null) {
                    annotated.finish();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stats;
    }
}
