package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OuiRegistryTest {
    @TempDir
    Path dir;

    @Test
    void readsTheIeeeCsvWithQuotedCellsOverSeveralLinesAndTakesTheLongestPrefix() throws IOException {
        Path f = dir.resolve("oui.csv");
        Files.writeString(f, """
                Registry,Assignment,Organization Name,Organization Address
                MA-L,50C7BF,"TP-LINK TECHNOLOGIES CO.,LTD.","Building 24
                Shenzhen CN 518057 "
                MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554
                MA-S,70B3D5123,"A ""quoted"" maker",Somewhere
                """);
        OuiRegistry r = OuiRegistry.read(List.of(f));
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.owner(Addresses.parseMac("50:c7:bf:33:1f:09"))).isEqualTo("TP-LINK TECHNOLOGIES CO.,LTD.");
        assertThat(r.owner(Addresses.parseMac("70:b3:d5:12:3f:00"))).isEqualTo("A \"quoted\" maker");
        assertThat(r.owner(Addresses.parseMac("70:b3:d5:99:00:00"))).isEqualTo("IEEE Registration Authority");
        assertThat(r.owner(Addresses.parseMac("00:00:5e:00:01:01"))).isNull();
    }

    @Test
    void aRowThatIsNoAssignmentIsRefusedWithItsFileAndLine() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "Registry,Assignment,Organization Name,Organization Address\nMA-L,50C7BF,x,y\nMA-L,XYZ,z,w\n");
        assertThatThrownBy(() -> OuiRegistry.read(List.of(f))).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.csv line 3").hasMessageContaining("6, 7 or 9 hex digit");
    }

    /** Found by EvidenceParsersFuzzTest: bytes that are not UTF-8 failed without naming the file. */
    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        Path f = dir.resolve("binary.csv");
        Files.write(f, new byte[] {'M', 'A', (byte) 0xC3, 0x28});
        assertThatThrownBy(() -> OuiRegistry.read(List.of(f))).isInstanceOf(IOException.class)
                .hasMessageContaining("binary.csv: not UTF-8 text");
    }

    @Test
    void debiansIeeeDataRegistryNamesTheRealDevicesMakers() throws IOException {
        assumeTrue(Files.isRegularFile(OuiRegistry.DEBIAN_OUI),
                OuiRegistry.DEBIAN_OUI + " is not installed (Debian package ieee-data)");
        OuiRegistry r = OuiRegistry.read(List.of(OuiRegistry.DEBIAN_OUI));
        assertThat(r.size()).isGreaterThan(20_000);
        assertThat(r.owner(Addresses.parseMac("50:c7:bf:33:1f:09"))).containsIgnoringCase("TP-LINK");
        assertThat(r.owner(Addresses.parseMac("f4:b8:5e:ff:2b:1b"))).isEqualTo("Texas Instruments");
    }
}
