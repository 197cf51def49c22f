package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** publish's mistakes are said before anything is sent (sending itself: flink's DetectionJobTest, with a real broker). */
class PublishCommandTest {
    @TempDir
    Path dir;

    @Test
    void mistakesAreSaidPlainly() throws Exception {
        Cli noHome = Cli.run("publish", "-r", "x.pcap", "--bootstrap", "127.0.0.1:1", "--topic", "t");
        assertThat(noHome.exit()).isEqualTo(1);
        assertThat(noHome.err()).contains("-r and -i need --home ID (the records' key)");
        Cli both = Cli.run("publish", "--homes", dir.toString(), "--home", "h", "--bootstrap", "127.0.0.1:1", "--topic", "t");
        assertThat(both.err()).contains("--home goes with -r or -i");
        Path bad = Files.writeString(dir.resolve("plug.json"), "{\"format\": \"iotevent-signature\"}");
        Cli badSignature = Cli.run("publish", "-s", bad.toString(), "--bootstrap", "127.0.0.1:1", "--topic", "t");
        assertThat(badSignature.exit()).isEqualTo(1);
        assertThat(badSignature.err()).contains(bad + ": field 'version': expected an integer, found nothing")
                .doesNotContain("Exception");
        Cli speed = Cli.run("publish", "--homes", dir.toString(), "--bootstrap", "127.0.0.1:1", "--topic", "t", "--speed", "-1");
        assertThat(speed.err()).contains("--speed must be in [0, 1e6], found -1.0");
        Cli none = Cli.run("publish", "--bootstrap", "127.0.0.1:1", "--topic", "t");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required argument");
    }
}
