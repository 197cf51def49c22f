package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.iotevent.campaign.LiveTools;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureTool;
import org.iotevent.capture.LinkType;
import org.iotevent.capture.LiveCapture;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.PcapWriter;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.traffic.Burst;
import org.iotevent.traffic.BurstSegmenter;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.DeviceView;
import org.iotevent.traffic.TrafficStats;
import org.junit.jupiter.api.Test;

class LiveDetectorTest {
    static final String DEVICE = "127.0.0.2";

    final BlockingQueue<Burst> bursts = new LinkedBlockingQueue<>();
    /** Released once for every packet the detector has read. */
    final Semaphore read = new Semaphore(0);

    LiveDetector detector(long gapNanos, Ticker ticker) {
        BurstSegmenter segmenter = new BurstSegmenter(gapNanos, BurstSegmenter.DEFAULT_MAX_PACKETS, bursts::add);
        LiveDetector live = new LiveDetector(new LinkDecoder(),
                List.of(new DeviceView(DeviceSelector.parse(DEVICE, List.of()))), List.of(segmenter), () -> { }, ticker);
        live.observe((record, packet, signed) -> read.release());
        return live;
    }

    /**
     * Wall time stepped by the test, so that no test races the machine: each step is one tick,
     * handed to the detector's ticker thread.
     */
    static final class SteppedTicker implements Ticker {
        private final SynchronousQueue<Long> steps = new SynchronousQueue<>();
        private volatile long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void awaitTick() throws InterruptedException {
            now = steps.take();
        }

        /** Lets {@code nanos} of wall time pass, then ticks. */
        void step(long nanos) throws InterruptedException {
            steps.put(now + nanos);
        }
    }

    /** Waits until the detector has read {@code packets} more packets (their arrival noted). */
    void awaitRead(int packets) throws InterruptedException {
        assertThat(read.tryAcquire(packets, 10, TimeUnit.SECONDS)).as("the detector read %d packets", packets).isTrue();
    }

    /** A raw IPv4/UDP packet (LINKTYPE_RAW) of {@code ipLength} bytes. */
    static byte[] udp(String src, String dst, int ipLength) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(ipLength);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 1).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 17).putShort((short) 0);
        b.put(InetAddress.getByName(src).getAddress()).put(InetAddress.getByName(dst).getAddress());
        b.putShort((short) 40000).putShort((short) 50000).putShort((short) (ipLength - 20)).putShort((short) 0);
        return b.array();
    }

    static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Runs {@code live} over the pcap stream {@code in} on another thread. */
    static CompletableFuture<TrafficStats> runAsync(LiveDetector live, PipedInputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (PacketSource source = CaptureReaders.open("-", in)) {
                return live.run(source).get(0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void burstClosesWhileTheStreamIsIdleWithoutWaitingForTheNextPacket() throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PcapWriter pcap = new PcapWriter(new PipedOutputStream(in), LinkType.RAW);
        SteppedTicker wall = new SteppedTicker();
        LiveDetector live = detector(200_000_000L, wall);
        CompletableFuture<TrafficStats> done = runAsync(live, in);
        long t = nowNanos();
        pcap.write(t, udp(DEVICE, "127.0.0.1", 120));
        pcap.write(t + 1_000_000, udp("127.0.0.1", DEVICE, 300));
        pcap.flush();
        awaitRead(2);
        wall.step(300_000_000L);
        Burst first = bursts.poll(10, TimeUnit.SECONDS);
        assertThat(first).as("burst reported while the stream stays open and silent").isNotNull();
        assertThat(first.signedLengths()).containsExactly(-120, 300);
        assertThat(done).isNotDone();

        long t2 = nowNanos();
        pcap.write(t2, udp(DEVICE, "127.0.0.1", 64));
        pcap.close();
        TrafficStats stats = done.get(10, TimeUnit.SECONDS);
        assertThat(bursts.poll(1, TimeUnit.SECONDS).signedLengths()).containsExactly(-64);
        assertThat(stats.packets()).isEqualTo(3);
        assertThat(stats.devicePackets()).isEqualTo(3);
    }

    @Test
    void replayedOldPacketsAreCutOnPacketTimeNotOnArrival() throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PcapWriter pcap = new PcapWriter(new PipedOutputStream(in), LinkType.RAW);
        SteppedTicker wall = new SteppedTicker();
        LiveDetector live = detector(2_000_000_000L, wall);
        CompletableFuture<TrafficStats> done = runAsync(live, in);
        long old = 1_500_000_000_000_000_000L;
        pcap.write(old, udp(DEVICE, "127.0.0.1", 100));
        pcap.flush();
        awaitRead(1);
        wall.step(50_000_000L);
        pcap.write(old + 500_000_000L, udp("127.0.0.1", DEVICE, 200));
        pcap.write(old + 10_000_000_000L, udp(DEVICE, "127.0.0.1", 300));
        pcap.close();
        done.get(10, TimeUnit.SECONDS);
        assertThat(bursts.poll(1, TimeUnit.SECONDS).signedLengths()).containsExactly(-100, 200);
        assertThat(bursts.poll(1, TimeUnit.SECONDS).signedLengths()).containsExactly(-300);
        assertThat(bursts).isEmpty();
    }

    @Test
    void deadCaptureIsRestartedAndTheGapReported() throws Exception {
        CaptureTool tool = LiveTools.assumeTcpdumpOnLoopback();
        LiveDetector live = detector(200_000_000L, Ticker.system());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (DatagramSocket device = new DatagramSocket(new InetSocketAddress(DEVICE, 0));
                DatagramSocket cloud = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String filter = "udp and port " + cloud.getLocalPort();
            LiveCapture capture = LiveCapture.start(tool, "lo", filter, new LiveCapture.Listener() {
                @Override
                public void captureStopped(String reason, long lastPacketNanos) {
                    events.add("stopped: " + reason);
                }

                @Override
                public void captureRestarted(Duration downtime) {
                    events.add("restarted");
                }
            });
            CompletableFuture<TrafficStats> done = CompletableFuture.supplyAsync(() -> {
                try (capture) {
                    return live.run(capture).get(0);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ProcessHandle tcpdump = awaitTcpdump(filter);
            send(device, cloud, 111, 222);
            assertThat(bursts.poll(10, TimeUnit.SECONDS).signedLengths()).containsExactly(-(111 + 28), -(222 + 28));

            tcpdump.destroyForcibly();
            assertThat(events.poll(10, TimeUnit.SECONDS)).startsWith("stopped: tcpdump exited with status");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("restarted");
            ProcessHandle again = awaitTcpdump(filter);
            assertThat(again.pid()).isNotEqualTo(tcpdump.pid());
            send(device, cloud, 333);
            assertThat(bursts.poll(10, TimeUnit.SECONDS).signedLengths()).containsExactly(-(333 + 28));

            capture.stop();
            TrafficStats stats = done.get(20, TimeUnit.SECONDS);
            assertThat(stats.devicePackets()).isEqualTo(3);
            assertThat(ProcessHandle.current().descendants().filter(h -> h.isAlive()
                    && h.info().commandLine().orElse("").contains(filter))).isEmpty();
        }
    }

    private static void send(DatagramSocket from, DatagramSocket to, int... sizes) throws IOException {
        for (int size : sizes) {
            from.send(new DatagramPacket(new byte[size], size, to.getLocalSocketAddress()));
        }
    }

    /** The running capture (tcpdump -w -, not its -d check) whose command line holds {@code filter}. */
    private static ProcessHandle awaitTcpdump(String filter) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var found = ProcessHandle.current().descendants().filter(h -> h.isAlive()
                    && h.info().command().orElse("").endsWith("tcpdump")
                    && h.info().commandLine().orElse("").contains(" -w - ")
                    && h.info().commandLine().orElse("").contains(filter)).findFirst();
            if (found.isPresent()) {
                Thread.sleep(300);
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no tcpdump started for " + filter);
    }
}
