package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.iotevent.signature.GroupedKnn;
import org.iotevent.signature.LabeledSample;
import org.iotevent.traffic.Burst;
import org.junit.jupiter.api.Test;

class DetectorTest {
    static final long T0 = 1_518_557_884_250_000_000L;

    static Detector detector() {
        return new Detector(new GroupedKnn(List.of(new LabeledSample("ON", new int[] {-235, 171}),
                new LabeledSample("OFF", new int[] {-251, 171}), new LabeledSample("other", new int[] {-60})), 1),
                Set.of("ON"));
    }

    @Test
    void labelsBurstsAndFlagsPrivacyEvents() {
        DetectedEvent on = detector().detect(new Burst(T0, T0 + 500_000_000L, 10, 12, new int[] {-236, 171}));
        assertThat(on.event()).isEqualTo("ON");
        assertThat(on.privacy()).isTrue();
        assertThat(on.distance()).isEqualTo(1.0);
        assertThat(on.packets()).isEqualTo(2);
        assertThat(on.firstFrame()).isEqualTo(10);
        DetectedEvent off = detector().detect(new Burst(T0, T0, 1, 2, new int[] {-250, 171}));
        assertThat(off.event()).isEqualTo("OFF");
        assertThat(off.privacy()).isFalse();
        DetectedEvent unknown = detector().detect(new Burst(T0, T0, 1, 3, new int[] {1, 2, 3}));
        assertThat(unknown.event()).isEqualTo("other");
        assertThat(unknown.distance()).isInfinite();
    }

    static String write(DetectionFormat format, DetectedEvent... events) throws Exception {
        StringWriter out = new StringWriter();
        DetectionSink sink = format.open(out);
        for (DetectedEvent e : events) {
            sink.accept(Detection.of("plug", "192.168.1.23", e.privacy() ? "52.1.2.3" : null, e));
        }
        sink.finish();
        return out.toString();
    }

    @Test
    void sinksWriteEveryField() throws Exception {
        DetectedEvent e = new DetectedEvent(T0, T0 + 1_500_000_000L, 10, 12, 3, "ON", true, 1.0);
        DetectedEvent u = new DetectedEvent(T0, T0, 13, 13, 1, "a,\"b\"", false, Double.POSITIVE_INFINITY);
        String uidE = Detection.of("plug", "192.168.1.23", null, e).uid();
        String uidU = Detection.of("plug", "192.168.1.23", null, u).uid();
        assertThat(uidE).matches("B[0-9a-f]{16}").isNotEqualTo(uidU).isEqualTo(Detection.of("plug", "x", "y", e).uid());
        assertThat(write(DetectionFormat.JSONL, e, u)).isEqualTo(
                "{\"ts\":1518557884.250000000,\"uid\":\"" + uidE + "\",\"device\":\"plug\",\"device_addr\":\"192.168.1.23\","
                        + "\"peer_addr\":\"52.1.2.3\",\"event\":\"ON\",\"privacy\":true,\"packets\":3,\"end\":1518557885.750000000,"
                        + "\"distance\":1.000,\"first_frame\":10,\"last_frame\":12}\n"
                        + "{\"ts\":1518557884.250000000,\"uid\":\"" + uidU + "\",\"device\":\"plug\",\"device_addr\":\"192.168.1.23\","
                        + "\"peer_addr\":null,\"event\":\"a,\\\"b\\\"\",\"privacy\":false,\"packets\":1,\"end\":1518557884.250000000,"
                        + "\"distance\":null,\"first_frame\":13,\"last_frame\":13}\n");
        String header = "ts,uid,device,device_addr,peer_addr,event,privacy,packets,end,distance,first_frame,last_frame\n";
        assertThat(write(DetectionFormat.CSV, e, u)).isEqualTo(header
                + "1518557884.250000000," + uidE + ",plug,192.168.1.23,52.1.2.3,ON,true,3,1518557885.750000000,1.000,10,12\n"
                + "1518557884.250000000," + uidU + ",plug,192.168.1.23,,\"a,\"\"b\"\"\",false,1,1518557884.250000000,inf,13,13\n");
        assertThat(write(DetectionFormat.CSV)).isEqualTo(header);
        String table = write(DetectionFormat.TABLE, e);
        assertThat(table).contains("2018-02-13 21:38:04.250").contains("1.500s").contains("ALERT").contains("10-12");
    }
}
