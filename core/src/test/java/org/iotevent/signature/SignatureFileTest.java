package org.iotevent.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureFileTest {
    @TempDir
    Path dir;

    static Path golden() throws Exception {
        return Path.of(SignatureFileTest.class.getResource("golden-v1.json").toURI());
    }

    /** The committed version-1 file loads on every build, and means what it meant when written. */
    @Test
    void goldenFileLoadsAndClassifies() throws Exception {
        Signature s = SignatureFile.read(golden());
        assertThat(s.device().text()).isEqualTo("192.168.1.159");
        assertThat(s.aSeconds()).isEqualTo(1.0);
        assertThat(s.bSeconds()).isEqualTo(5.0);
        assertThat(s.classifier().name()).isEqualTo("paper");
        assertThat(s.classifier().parameter("k", 0)).isEqualTo(1);
        assertThat(s.events()).containsExactly("OFF", "ON");
        assertThat(s.privacyEvents()).containsExactly("ON");
        assertThat(s.samples()).hasSize(6);
        assertThat(s.training().heldOutAccuracy()).isEqualTo(0.75);
        assertThat(s.provenance().inputs()).hasSize(2);
        Classifier c = s.classifierInstance();
        assertThat(c.classify(new int[] {-236, 172, -52}).label()).isEqualTo("ON");
        assertThat(c.classify(new int[] {-250, 171, -52}).label()).isEqualTo("OFF");
        assertThat(c.classify(new int[] {-99, 101}).label()).isEqualTo("other");
    }

    /**
     * Two signatures read apart label their bursts with one object per label text (the sinks find
     * encoded names by identity first: nine devices' "other" are one).
     */
    @Test
    void labelsReadFromSeveralFilesAreOneObjectPerText() throws Exception {
        Signature one = SignatureFile.read(golden());
        Signature two = SignatureFile.parse(java.nio.file.Files.readAllBytes(golden()), "copy");
        String a = one.samples().stream().filter(x -> x.label().equals("other")).findFirst().orElseThrow().label();
        String b = two.samples().stream().filter(x -> x.label().equals("other")).findFirst().orElseThrow().label();
        assertThat(b).isSameAs(a);
        assertThat(two.classifierInstance().classify(new int[] {-99, 101}).label()).isSameAs(a);
    }

    /** The golden file with verdicts recorded, as train writes them now. */
    private Signature withVerdicts() throws Exception {
        Signature s = SignatureFile.read(golden());
        java.util.TreeMap<String, Separation> events = new java.util.TreeMap<>();
        events.put("ON", new Separation(java.util.List.of("ON"), 0, 30, 0.0, 0.0, 0, 0.116, 1, Verdict.INDISTINGUISHABLE, 0));
        events.put("OFF", new Separation(java.util.List.of("OFF"), 5, 6, 5.0 / 6, 0.01, 0.36, 0.996, 0.0, Verdict.DISTINGUISHABLE,
                0));
        return s.withVerdicts(new Verdicts(5.0 / 12, 0.02, Double.NaN, 0.15, events, java.util.List.of(new Separation(
                java.util.List.of("OFF", "ON"), 4, 6, Double.NaN, 0.5, 0, 1, 1, Verdict.UNDECIDED, -1))));
    }

    @Test
    void verdictsRoundTripAndABadOneIsNamed() throws Exception {
        Signature s = withVerdicts();
        Path out = dir.resolve("verdicts.json");
        SignatureFile.write(s, out);
        Signature back = SignatureFile.read(out);
        assertThat(back.verdicts()).isEqualTo(s.verdicts());
        assertThat(back.hiddenInOwnTraffic()).containsExactly("ON");
        assertThat(SignatureFile.read(golden()).hiddenInOwnTraffic()).as("no verdicts recorded: nothing hidden").isEmpty();

        Files.writeString(out, Files.readString(out).replace("\"undecided\"", "\"maybe\""));
        assertThatThrownBy(() -> SignatureFile.read(out)).isInstanceOf(SignatureFormatException.class)
                .hasMessageStartingWith(out + ": field 'verdicts.pairs[0]'").hasMessageContaining("'maybe'");
        SignatureFile.write(s, out);
        Files.writeString(out, Files.readString(out).replace("\"events\" : [ \"ON\" ]", "\"events\" : [ \"OFF\", \"ON\" ]"));
        assertThatThrownBy(() -> SignatureFile.read(out)).isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("verdicts.events[1].events").hasMessageContaining("expected 1 event");
    }

    @Test
    void writeThenReadGivesTheSameBytesAgain() throws Exception {
        Path out = dir.resolve("again.json");
        SignatureFile.write(SignatureFile.read(golden()), out);
        assertThat(Files.readString(out)).isEqualTo(Files.readString(golden()));
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(out);
        }
    }

    @Test
    void everyTruncationGetsOneClearMessage() throws Exception {
        byte[] bytes = Files.readAllBytes(golden());
        Path cut = dir.resolve("cut.json");
        for (int n = 0; n < bytes.length - 1; n += 7) {
            Files.write(cut, Arrays.copyOf(bytes, n));
            assertThatThrownBy(() -> SignatureFile.read(cut)).as("cut at %d", n)
                    .isInstanceOf(SignatureFormatException.class)
                    .hasMessageStartingWith(cut.toString());
        }
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> SignatureFile.read(cut)).hasMessageContaining("truncated");
    }

    @Test
    void foreignFilesAreRefused() throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"name\": \"package.json\"}");
        assertThatThrownBy(() -> SignatureFile.read(f)).hasMessageContaining("not an iotevent signature");
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThatThrownBy(() -> SignatureFile.read(f)).hasMessageContaining("not valid JSON");
        Files.writeString(f, "");
        assertThatThrownBy(() -> SignatureFile.read(f)).hasMessageContaining("empty");
        assertThatThrownBy(() -> SignatureFile.read(dir.resolve("missing.json"))).hasMessageContaining("no such file");
    }

    @Test
    void unknownVersionIsRefused() throws Exception {
        Path f = dir.resolve("v2.json");
        Files.writeString(f, Files.readString(golden()).replace("\"version\" : 1", "\"version\" : 2"));
        assertThatThrownBy(() -> SignatureFile.read(f))
                .hasMessageContaining("version 2 is not supported").hasMessageContaining("upgrade");
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        String good = Files.readString(golden());
        assertRefused(good.replace("\"a_seconds\" : 1.0", "\"a_seconds\" : -1"), "parameters.a_seconds");
        assertRefused(good.replace("\"k\" : 1", "\"k\" : 0"), "classifier.parameters.k");
        assertRefused(good.replace("\"name\" : \"paper\"", "\"name\" : \"svm\""), "classifier.name");
        assertRefused(good.replace("-235, 171, -52", "-235, 0, -52"), "samples[0].lengths[1]");
        assertRefused(good.replace("\"privacy_events\" : [ \"ON\" ]", "\"privacy_events\" : [ \"DOOR\" ]"), "DOOR");
        assertRefused(good.replace("\"select\" : \"192.168.1.159\"", "\"select\" : \"plug\""), "device");
        assertRefused(good.replace("\"length_layer\" : \"ip\"", "\"length_layer\" : \"frame\""), "length_layer");
        assertRefused(good.replace("\"version\" : 1,", "\"version\" : 1, \"extra\" : true,"), "extra");
        assertRefused(good.replace("\"label\" : \"OFF\"", "\"label\" : \"DOOR\""), "DOOR");
    }

    @Test
    void theCrossValidationFiguresRoundTripAndOlderFilesLackThem() throws Exception {
        Signature old = SignatureFile.read(golden());
        assertThat(old.training().folds()).isZero();
        assertThat(old.training().tiesToOther()).isZero();
        Path cv = dir.resolve("cv.json");
        Files.writeString(cv, Files.readString(golden())
                .replace("\"held_out_samples\" : 4,", "\"held_out_samples\" : 4, \"folds\" : 4, \"ties_to_other\" : 1,"));
        Signature s = SignatureFile.read(cv);
        assertThat(s.training().folds()).isEqualTo(4);
        assertThat(s.training().tiesToOther()).isEqualTo(1);
        Path again = dir.resolve("again.json");
        SignatureFile.write(s, again);
        assertThat(SignatureFile.read(again).training()).isEqualTo(s.training());
        String json = Files.readString(again);
        assertRefused(json.replace("\"ties_to_other\" : 1", "\"ties_to_other\" : 5"), "training.ties_to_other");
    }

    /** Found while writing SignatureFileFuzzTest: an empty label escaped as an IllegalArgumentException. */
    @Test
    void emptySampleLabelIsRefusedWithTheField() throws Exception {
        String good = Files.readString(golden());
        assertRefused(good.replaceFirst("\"label\" : \"ON\"", "\"label\" : \"\""), "field 'samples[0]': a sample needs a label");
    }

    private void assertRefused(String json, String expected) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.write(f, json.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SignatureFile.read(f)).isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining(expected);
    }

    /** Issue 16: the identity is optional; a file written with one reads back the same, one without still reads. */
    @Test
    void identityRoundTripsAndIsChecked() throws Exception {
        Signature old = SignatureFile.read(golden());
        assertThat(old.identity()).isNull();
        org.iotevent.traffic.DeviceIdentity id = new org.iotevent.traffic.DeviceIdentity(
                java.util.List.of("devs.tplinkcloud.com", "events.tplinkra.com"), java.util.List.of("50c7bf"),
                java.util.List.of(9999), 60.0);
        Path f = dir.resolve("with-identity.json");
        SignatureFile.write(old.withIdentity(id), f);
        assertThat(SignatureFile.read(f).identity()).isEqualTo(id);
        assertThat(Files.readString(f)).contains("\"oui\" : [ \"50C7BF\" ]");
        Path bad = dir.resolve("bad-identity.json");
        Files.writeString(bad, Files.readString(f).replace("\"50C7BF\"", "\"50C7\""));
        assertThatThrownBy(() -> SignatureFile.read(bad)).isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("identity").hasMessageContaining("six hex digits");
    }

    /**
     * A folder of signatures is its {@code *.json} files in name order (a subfolder named so is
     * none), each device named after its file; a folder without one is said, by its name.
     */
    @Test
    void aFolderOfSignaturesIsItsJsonFilesInNameOrder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("signatures"));
        for (String f : new String[] {"plug.json", "camera.json", "notes.txt"}) {
            Files.writeString(folder.resolve(f), "{}");
        }
        Files.createDirectories(folder.resolve("old.json"));
        Path single = Files.writeString(dir.resolve("bulb.JSON"), "{}");
        assertThat(SignatureFile.files(java.util.List.of(single, folder)))
                .containsExactly(single, folder.resolve("camera.json"), folder.resolve("plug.json"));
        assertThat(SignatureFile.deviceName(folder.resolve("camera.json"))).isEqualTo("camera");
        assertThat(SignatureFile.deviceName(single)).isEqualTo("bulb.JSON");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> SignatureFile.files(java.util.List.of(folder, empty)))
                .isInstanceOf(SignatureFormatException.class)
                .hasMessage(empty + ": no signature (*.json) in this directory");
    }
}
