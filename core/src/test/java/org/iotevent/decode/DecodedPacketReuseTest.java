package org.iotevent.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.capture.CaptureReaders;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.capture.TestCaptures;
import org.junit.jupiter.api.Test;

/**
 * A reused view decodes each packet exactly as a fresh one does, whatever came before it: every
 * capture of the test set in one sequence (802.11 of every radio header, then Ethernet, SLL, raw
 * IP...), each packet decoded into the view the passes reuse and into a new one, every field
 * compared ({@link DecodedPacket#reset} clears the 802.11 fields only after an 802.11 decoder ran).
 */
class DecodedPacketReuseTest {
    @Test
    void aReusedViewHoldsWhatAFreshOneHoldsAfterEveryKindOfPacket() throws Exception {
        List<Field> fields = new ArrayList<>();
        for (Field f : DecodedPacket.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("wlanLayer")) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        LinkDecoder reusing = new LinkDecoder();
        DecodedPacket reused = new DecodedPacket();
        CaptureRecord record = new CaptureRecord();
        long packets = 0;
        long wlan = 0;
        List<Path> captures = new ArrayList<>(TestCaptures.all());
        captures.addAll(TestCaptures.all()); // twice: each kind also after the last of the set
        for (Path capture : captures) {
            try (PacketSource source = CaptureReaders.open(capture)) {
                while (source.next(record)) {
                    List<DecodedPacket> fresh = new ArrayList<>();
                    new LinkDecoder().forEachPacket(record, new DecodedPacket(), p -> fresh.add(copy(p, fields)));
                    int[] i = {0};
                    reusing.forEachPacket(record, reused, p -> {
                        for (Field f : fields) {
                            assertThat(f.get(p)).as("%s packet %d: %s", capture.getFileName(), record.frameNumber, f.getName())
                                    .isEqualTo(f.get(fresh.get(i[0])));
                        }
                        i[0]++;
                    });
                    packets++;
                    wlan += reused.wlan ? 1 : 0;
                }
            } catch (java.io.IOException e) {
                // a damaged capture of the set: the packets before its fault were compared
            }
        }
        assertThat(packets).isGreaterThan(5_000);
        assertThat(wlan).as("802.11 packets among them").isGreaterThan(1000);
    }

    private static DecodedPacket copy(DecodedPacket p, List<Field> fields) throws IllegalAccessException {
        DecodedPacket c = new DecodedPacket();
        for (Field f : fields) {
            f.set(c, f.get(p));
        }
        return c;
    }
}
