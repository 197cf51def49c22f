package org.iotevent.bench;

import java.io.IOException;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The pcap reader: nanoseconds per record read from the file (page cache), reopened at its end. */
@State(Scope.Thread)
public class ReaderBench extends NanosPerOperation {
    private SimulatedHome home;
    private PacketSource source;
    private final CaptureRecord record = new CaptureRecord();

    @Setup
    public void open() throws IOException {
        home = SimulatedHome.get();
        source = CaptureReaders.open(home.capture);
    }

    @Benchmark
    public long next() throws IOException {
        if (!source.next(record)) {
            source.close();
            source = CaptureReaders.open(home.capture);
            source.next(record);
        }
        return record.timestampNanos;
    }

    @TearDown
    public void close() throws IOException {
        source.close();
    }
}
