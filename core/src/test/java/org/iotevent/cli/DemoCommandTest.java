package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
    @Test
    void printsTheTableAndWhereTheFilesAre(@TempDir Path dir) throws java.io.IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("demo", "-o", dir.toString(), "--train-repetitions", "6", "--test-repetitions", "3");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("cloud", "device", "protocol", "WiFi", "WAN", "Mi control hub",
                "UDP (AES-128-CBC)", "MQTT over TLS", "BroadLink SP mini 3", dir.resolve("signatures").toString(),
                dir.resolve("detections").toString());
        // per device: events read and false alarms for 2 vantage points x 2 classifiers, then formula (4) for each
        assertThat(out.toString().lines().filter(l -> l.matches("(.*?\\d+\\.\\d %){8}"))).hasSize(9);
        assertThat(out.toString().lines().filter(l -> l.matches("[^%]*(\\d+\\.\\d %\\s*){4}"))).hasSize(9);
        assertThat(out.toString().indexOf("read")).isLessThan(out.toString().indexOf("paper's accuracy (formula 4)"));
        assertThat(dir.resolve("signatures/mi-hub.json")).exists();
        assertThat(dir.resolve("detections/wifi/tuya-lamp.jsonl")).exists();
        assertThat(out.toString()).contains("report:      " + dir.resolve("report.html"));
        String report = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertThat(report).contains("Mi control hub (IP 192.168.1.102)", "Mi cloud", "UDP (AES-128-CBC)", "MQTT over TLS",
                        "alarm_on")
                .containsPattern("(?s)<svg.*<svg.*<svg");
    }

    @Test
    void badOptionsGetOneLine(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("demo", "-o", dir.toString(), "--spacing", "1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("iotevent: --spacing must be in [5, 3600]");
    }
}
