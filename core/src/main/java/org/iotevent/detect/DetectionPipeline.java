package org.iotevent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapngWriter;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.signature.Signature;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceTraffic;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.LengthLayer;
import org.iotevent.traffic.TrafficStats;

/**
 * Detection over a capture for one or several devices, in one pass: decode each packet once,
 * select each device's packets ({@link DeviceView}), cut and label them ({@link DeviceDetector}),
 * name each burst's peer ({@link BurstPeers}), and write the detections of all devices to one sink
 * in order of their start ({@link TimeOrder}); optionally an annotated copy of the capture
 * ({@link AnnotatedCapture}). The same pipeline reads a file to its end ({@link #run}) or a live
 * stream ({@link #runLive}, which also closes bursts while the input is idle). Used once per run.
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
    private final DetectionSink sink;
    private final List<DeviceView> views = new ArrayList<>();
    private final List<BurstSegmenter> segmenters = new ArrayList<>();
    private final TimeOrder order;
    private final BurstPeers peers = new BurstPeers(segmenters);
    private Listener listener = (device, detection) -> {};
    private AnnotatedCapture annotated;
    private IOException failure;

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
        for (int d = 0; d < this.devices.size(); d++) {
            Device device = this.devices.get(d);
            int index = d;
            views.add(new DeviceView(device.selector(), device.layer()));
            segmenters.add(new DeviceDetector(device.detector(), device.gapNanos(), e -> closed(index, e)).segmenter());
        }
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

    private void closed(int index, DetectedEvent e) {
        Device device = devices.get(index);
        Detection detection = Detection.of(device.name(), device.selector().text(), peers.peerOf(index, e.firstFrame()), e);
        listener.detected(index, detection);
        order.add(detection);
        if (failure != null) {
            return;
        }
        try {
            if (annotated != null) {
                annotated.burstClosed(index, detection);
            }
            order.release(segmenters.stream().mapToLong(BurstSegmenter::openStartNanos).min().orElse(Long.MAX_VALUE));
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
