package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {
    @TempDir
    Path dir;

    private static byte[] written(Writing body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            body.accept(w);
        }
        return out.toByteArray();
    }

    private interface Writing {
        void accept(PcapngWriter w) throws IOException;
    }

    @Test
    void roundTripKeepsTimeLengthsLinkTypesAndBytes() throws IOException {
        byte[] file = written(w -> {
            w.write(1_700_000_000_123_456_789L, LinkType.ETHERNET, CaptureBytes.payload(60), 0, 60, 60, "light on");
            w.write(1_700_000_001_000_000_001L, LinkType.IEEE802_11_RADIOTAP, CaptureBytes.payload(99), 0, 99, 1500,
                    null);
            w.write(1_700_000_002_000_000_000L, LinkType.ETHERNET, CaptureBytes.payload(70), 3, 61, 61, "é ✓");
        });
        Records r = Records.readBoth(file, dir);
        assertThat(r.error()).isNull();
        assertThat(r.rows()).extracting(Records.Row::timeNanos)
                .containsExactly(1_700_000_000_123_456_789L, 1_700_000_001_000_000_001L, 1_700_000_002_000_000_000L);
        assertThat(r.rows()).extracting(Records.Row::linkType)
                .containsExactly(LinkType.ETHERNET, LinkType.IEEE802_11_RADIOTAP, LinkType.ETHERNET);
        assertThat(r.rows()).extracting(Records.Row::interfaceId).containsExactly(0, 1, 0);
        assertThat(r.rows()).extracting(Records.Row::wireLength).containsExactly(60L, 1500L, 61L);
        assertThat(r.rows().get(1).bytes()).isEqualTo(CaptureBytes.payload(99));
        assertThat(r.rows().get(2).bytes()).isEqualTo(java.util.Arrays.copyOfRange(CaptureBytes.payload(70), 3, 64));
    }

    @Test
    void copiesRecordsReadFromACapture() throws IOException {
        byte[] source = CaptureBytes.in(java.nio.ByteOrder.BIG_ENDIAN)
                .pcapHeader(PcapReader.MAGIC_NANOS, 2, 65535, LinkType.LINUX_SLL)
                .pcapRecord(5, 6, 80, CaptureBytes.payload(40)).pcapRecord(7, 8, 33, CaptureBytes.payload(33)).bytes();
        Records original = Records.readBoth(source, dir);
        byte[] copy = written(w -> {
            try (PacketSource in = CaptureReaders.open("source", new java.io.ByteArrayInputStream(source))) {
                CaptureRecord rec = new CaptureRecord();
                while (in.next(rec)) {
                    w.write(rec, "frame " + rec.frameNumber);
                }
            }
        });
        Records back = Records.readBoth(copy, dir);
        assertThat(back.rows()).extracting(Records.Row::timeNanos, Records.Row::wireLength, Records.Row::linkType)
                .containsExactlyElementsOf(original.rows().stream()
                        .map(x -> org.assertj.core.groups.Tuple.tuple(x.timeNanos(), x.wireLength(), x.linkType()))
                        .toList());
        assertThat(back.rows().get(0).bytes()).isEqualTo(original.rows().get(0).bytes());
    }

    @Test
    void tsharkShowsTheCommentsAndTimes() throws IOException, InterruptedException {
        assumeTrue(onPath("tshark"), "tshark is not installed (Debian package tshark): cannot check the file with it");
        Path file = dir.resolve("annotated.pcapng");
        Files.write(file, written(w -> {
            w.write(1_600_000_000_000_000_001L, LinkType.ETHERNET, CaptureBytes.payload(64), 0, 64, 64, "event: plug on");
            w.write(1_600_000_000_500_000_000L, LinkType.RAW, ipv4Header(), 0, 20, 20, null);
        }));
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.comment", "-e", "frame.encap_type")
                .redirectError(dir.resolve("tshark.err").toFile()).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
        assertThat(lines).containsExactly("1600000000.000000001\t64\tevent: plug on\t1",
                "1600000000.500000000\t20\t\t7");
    }

    @Test
    void rejectsNegativeTimesImpossibleLengthsAndLongComments() throws IOException {
        PcapngWriter w = new PcapngWriter(new ByteArrayOutputStream());
        byte[] frame = new byte[10];
        assertThatThrownBy(() -> w.write(-1, 1, frame, 0, 10, 10, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.write(0, 1, frame, 0, 10, 9, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.write(0, 1, frame, 5, 10, 10, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.write(0, 1, frame, 0, 10, 10, "x".repeat(65_536)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] ipv4Header() {
        return new byte[] {
            0x45, 0, 0, 20, // version 4, IHL 5, total length 20
            0, 1, 0, 0, // id 1, no fragment
            64, (byte) 253, 0, 0, // TTL 64, protocol 253 (experimental), checksum 0
            10, 0, 0, 1, // source 10.0.0.1
            10, 0, 0, 2, // destination 10.0.0.2
        };
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
