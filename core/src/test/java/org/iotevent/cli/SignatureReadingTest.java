package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.signature.SignatureFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * detect's signatures read on every core, begun before the command is built: the command gets
 * what reading its files one by one gives, whatever was begun, and the first file in order that
 * fails is the one reported.
 */
class SignatureReadingTest {
    @TempDir
    Path dir;

    /** Nine copies of the golden signature under other names, the {@code broken}-th (from 0) cut short. */
    private List<Path> signatures(Path folder, int broken) throws Exception {
        Files.createDirectories(folder);
        byte[] golden = Files.readAllBytes(Path.of(getClass().getResource("/org/iotevent/signature/golden-v1.json").toURI()));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Path f = folder.resolve("device-" + i + ".json");
            Files.write(f, i == broken ? new String(golden, StandardCharsets.UTF_8).substring(0, 300).getBytes(StandardCharsets.UTF_8)
                    : golden);
            files.add(f);
        }
        return files;
    }

    private static List<String> asJson(List<Signature> signatures) {
        return signatures.stream().map(s -> SignatureFile.toJson(s).toString()).toList();
    }

    @Test
    void theSignaturesBegunEarlyAreThoseReadOneByOne() throws Exception {
        Path folder = dir.resolve("home");
        List<Path> files = signatures(folder, -1);
        List<Signature> oneByOne = new ArrayList<>();
        for (Path f : files) {
            oneByOne.add(SignatureFile.read(f));
        }
        for (String[] args : List.of(new String[] {"detect", "-r", "x.pcap", "-s", folder.toString()},
                new String[] {"detect", "-s" + folder, "-q"}, new String[] {"detect", "--signature=" + folder},
                new String[] {"detect", "--signature", String.join(",", files.stream().map(Path::toString).toList())})) {
            SignatureReading.startEarly(args);
            assertThat(SignatureReading.begun()).as(String.join(" ", args)).isEqualTo(files);
            assertThat(asJson(SignatureReading.readAll(SignatureFile.files(List.of(folder))))).isEqualTo(asJson(oneByOne));
            assertThat(SignatureReading.begun()).isNull();
        }
        // begun for other files than the command reads: the command's are read
        SignatureReading.startEarly("detect", "-s", files.get(0).toString());
        assertThat(asJson(SignatureReading.readAll(files))).isEqualTo(asJson(oneByOne));
        // not begun: a name after --, or none
        SignatureReading.startEarly("detect", "--", "-s", folder.toString());
        assertThat(SignatureReading.begun()).isNull();
        assertThat(asJson(SignatureReading.readAll(files))).isEqualTo(asJson(oneByOne));
    }

    @Test
    void theFirstBrokenFileInOrderIsReported() throws Exception {
        Path folder = dir.resolve("broken");
        List<Path> files = signatures(folder, 6);
        Files.writeString(files.get(7), "{}");
        String expected = null;
        try {
            SignatureFile.read(files.get(6));
        } catch (SignatureFormatException e) {
            expected = e.getMessage();
        }
        assertThat(expected).contains("device-6.json");
        for (boolean early : new boolean[] {true, false}) {
            if (early) {
                SignatureReading.startEarly("detect", "-s", folder.toString());
            }
            assertThatThrownBy(() -> SignatureReading.readAll(files)).isInstanceOf(SignatureFormatException.class)
                    .hasMessage(expected);
        }
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> SignatureReading.readAll(List.of(files.get(0), missing)))
                .isInstanceOf(UserInputException.class).hasMessage("signature " + missing + ": no such file");
    }
}
