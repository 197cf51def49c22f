package org.iotevent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeReaderTest {
    @Test
    void theDefaultHomeHasTheNineDevices() {
        Home home = HomeReader.defaultHome();
        assertThat(home.devices()).hasSize(9);
        assertThat(home.devices().get(2).model().protocol()).isEqualTo(Protocol.UDP_AES);
    }

    @Test
    void aUserHomeMixesEmbeddedModelsFilesAndRenamedCopies(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("lab.json"), DeviceModelReader.embeddedJson("tplink-hs100"));
        Files.writeString(dir.resolve("home.json"), """
                {"name": "flat", "devices": ["mi-hub", "lab.json", {"model": "mi-hub", "name": "hub-2"}],
                 "wanAddress": "100.64.3.4"}
                """);
        Home home = HomeReader.resolve(dir.resolve("home.json").toString());
        assertThat(home.name()).isEqualTo("flat");
        assertThat(home.devices()).extracting(Home.Device::name).containsExactly("mi-hub", "tplink-hs100", "hub-2");
        assertThat(HomeReader.dotted(home.wanAddress())).isEqualTo("100.64.3.4");
    }

    @Test
    void aSingleEmbeddedDeviceIsAHome() throws Exception {
        Home home = HomeReader.resolve("tuya-lamp");
        assertThat(home.devices()).extracting(Home.Device::name).containsExactly("tuya-lamp");
    }

    @Test
    void mistakesNameTheFileAndTheEntry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("home.json");
        Files.writeString(file, "{\"devices\": [\"mi-hub\", \"mi-hub\"]}");
        assertThatThrownBy(() -> HomeReader.resolve(file.toString())).isInstanceOf(ModelFormatException.class)
                .hasMessageContainingAll(file.toString(), "devices[1]", "second device named mi-hub");
        Files.writeString(file, "{\"devices\": [\"hue\"], \"wanAddress\": \"1.2.3\"}");
        assertThatThrownBy(() -> HomeReader.resolve(file.toString())).hasMessageContainingAll("devices[0]",
                "no embedded device model \"hue\"");
        Files.writeString(file, "{\"devices\": [\"mi-hub\"], \"wanAddress\": \"1.2.3.256\"}");
        assertThatThrownBy(() -> HomeReader.resolve(file.toString())).hasMessageContainingAll("wanAddress",
                "dotted IPv4");
        assertThatThrownBy(() -> HomeReader.resolve("no-such-home"))
                .hasMessageContainingAll("no-such-home", "mi-plug-mini");
        assertThatThrownBy(() -> HomeReader.resolve(dir.resolve("missing.json").toString()))
                .hasMessageContaining("missing.json");
    }
}
