package org.iotevent.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.iotevent.detect.DetectedEvent;
import org.iotevent.detect.Detection;
import org.iotevent.detect.DetectionFormat;
import org.iotevent.detect.DetectionSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each output format, per detection written as bytes (as the CLI writes them) to a stream that discards them. */
@State(Scope.Thread)
public class SinkBench extends NanosPerOperation {
    @Param({"JSONL", "CSV", "TABLE"})
    public String format;

    private DetectionSink sink;
    private Detection[] detections;
    private int next;

    @Setup
    public void load() {
        sink = DetectionFormat.valueOf(format).open(OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        SplittableRandom r = new SplittableRandom(1);
        String[] devices = {"yeelight-strip", "mi-plug-mini", "tplink-hs100", "tuya-plug"};
        String[] events = {"on", "off", "other", "brightness"};
        detections = new Detection[4096];
        long t = 1_767_225_600_000_000_000L;
        for (int i = 0; i < detections.length; i++) {
            t += r.nextLong(30_000_000_000L);
            int n = 1 + r.nextInt(12);
            long frame = 1 + 4L * i;
            String event = events[r.nextInt(events.length)];
            detections[i] = Detection.of(devices[i % devices.length], "192.168.1." + (10 + i % devices.length),
                    "52.16." + r.nextInt(256) + "." + r.nextInt(256), new DetectedEvent(t, t + r.nextLong(900_000_000L),
                            frame, frame + n, n, event, !event.equals("other"), r.nextDouble() * 400));
        }
    }

    @Benchmark
    public void accept() throws IOException {
        sink.accept(detections[next]);
        next = (next + 1) & (detections.length - 1);
    }
}
