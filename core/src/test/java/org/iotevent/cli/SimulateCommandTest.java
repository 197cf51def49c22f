package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void simulatesTheDefaultHomeIntoADirectory(@TempDir Path dir) throws Exception {
        assertThat(run("simulate", "--hours", "0.1", "--seed", "3", "--spacing", "20", "-o", dir.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("9 devices", "lan.pcap", "wan.pcap", "wifi.pcap", "truth.json");
        assertThat(Files.readAllLines(dir.resolve("events.csv")).get(0)).isEqualTo("timestamp,event");
        assertThat(Files.size(dir.resolve("wifi.pcap"))).isGreaterThan(Files.size(dir.resolve("lan.pcap")));
    }

    @Test
    void oneDeviceOneVantagePointBackgroundOnly(@TempDir Path dir) throws Exception {
        assertThat(run("simulate", "--home", "mi-hub", "--hours", "0.2", "--background-only", "--vantage", "wan",
                "-o", dir.toString())).as(err.toString()).isZero();
        assertThat(dir.resolve("wan.pcap")).exists();
        assertThat(dir.resolve("lan.pcap")).doesNotExist();
        assertThat(out.toString()).contains("0 events");
    }

    @Test
    void listsAndExportsTheModels(@TempDir Path dir) throws Exception {
        assertThat(run("simulate", "--list")).isZero();
        assertThat(out.toString()).contains("mi-hub", "UDP (AES-128-CBC)", "MQTT over TLS", "broadlink-spmini3");
        assertThat(run("simulate", "--export-models", dir.toString())).isZero();
        assertThat(dir.resolve("home.json")).exists();
        assertThat(dir.resolve("tuya-lamp.json")).exists();
        Path model = dir.resolve("tuya-lamp.json");
        Files.writeString(model, Files.readString(model).replace("\"scene\"", "\"party_mode\""));
        Path out2 = dir.resolve("out");
        assertThat(run("simulate", "--home", dir.resolve("home.json").toString(), "--hours", "0.5", "--spacing",
                "10", "-o", out2.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(out2.resolve("events.csv"))).contains("tuya-lamp/party_mode")
                .doesNotContain("tuya-lamp/scene");
    }

    @Test
    void mistakesGetOneLine(@TempDir Path dir) {
        assertThat(run("simulate", "--noise", "1.5", "-o", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("iotevent: --noise must be in [0, 0.9)").doesNotContain("Exception");
        assertThat(run("simulate", "--home", "nope", "-o", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope").doesNotContain("\tat ");
        assertThat(run("simulate", "--vantage", "moon", "-o", dir.toString())).isEqualTo(1);
        assertThat(run("simulate")).isEqualTo(1);
        assertThat(err.toString()).contains("-o DIR");
    }
}
