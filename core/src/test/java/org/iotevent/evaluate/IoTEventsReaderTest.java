package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class IoTEventsReaderTest {
    static IoTEventsReader.Contents read(String text) throws Exception {
        return IoTEventsReader.read(new BufferedReader(new StringReader(text)), "f.txt");
    }

    @Test
    void rowsBecomeSignedIpLengthsClosedByTheLabel() throws Exception {
        IoTEventsReader.Contents c = read("\t1577762206.671182\t0.0368\t1\t267\r\n"
                + "\t1577762206.704815\t29.73\t0\t123\t\r\n"
                + "power_on/off\r\n"
                + "\t1577762716.170848\t0.11\t0\t315\t\r\n"
                + "ds_on/off\r\n"
                + "\t1577762999.0\t1.0\t1\t54\r\n");
        assertThat(c.samples()).hasSize(2);
        assertThat(c.samples().get(0).label()).isEqualTo("power_on/off");
        assertThat(c.samples().get(0).signedLengths()).as("device to cloud is negative, minus 14 bytes")
                .containsExactly(-253, 109);
        assertThat(c.samples().get(1).signedLengths()).containsExactly(301);
        assertThat(c.unlabelledRows()).isEqualTo(1);
    }

    @Test
    void malformedRowsAreNamedByLine() {
        assertThatThrownBy(() -> read("\t1.0\t2.0\t2\t100\r\nx\r\n"))
                .isInstanceOf(SequenceFormatException.class).hasMessageContaining("f.txt line 1").hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> read("\t1.0\t2.0\t1\r\n")).hasMessageContaining("4 TAB-separated fields");
        assertThatThrownBy(() -> read("\t1.0\t2.0\t1\tbig\r\n")).hasMessageContaining("expected numbers");
        assertThatThrownBy(() -> read("\t1.0\t2.0\t1\t10\r\n")).hasMessageContaining("frame length");
        assertThatThrownBy(() -> read("label\r\n")).hasMessageContaining("closes no packet rows");
    }
}
