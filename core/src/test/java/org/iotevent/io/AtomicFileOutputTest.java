package org.iotevent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileOutputTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) throws IOException {
        try (AtomicFileOutput out = new AtomicFileOutput(target)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }

    @Test
    void outputAppearsOnlyOnCommitAndNoTemporaryStays() throws IOException {
        Path target = dir.resolve("out.json");
        try (AtomicFileOutput out = new AtomicFileOutput(target)) {
            out.stream().write('x');
            out.stream().flush();
            assertThat(target).doesNotExist();
        }
        assertThat(target).doesNotExist();
        write(target, "whole");
        assertThat(target).hasContent("whole");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void deviceAndSymlinkToDeviceAreWrittenThroughNotReplaced() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/null")), "no /dev/null");
        Path link = Files.createSymbolicLink(dir.resolve("devnull"), Path.of("/dev/null"));
        write(link, "discarded");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        write(Path.of("/dev/null"), "discarded");
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).as("/dev/null stays a device").isFalse();
    }

    @Test
    void symlinkToFileKeepsTheLinkAndReplacesItsTarget() throws IOException {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        write(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("new");
    }

    @Test
    void fifoIsWrittenThrough() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        write(fifo, "through the pipe");
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("through the pipe");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void outputThatIsAnInputIsRefused() throws IOException {
        Path input = dir.resolve("cap.pcap");
        Files.writeString(input, "capture");
        Path hard = Files.createLink(dir.resolve("hard.pcap"), input);
        Path link = Files.createSymbolicLink(dir.resolve("link.pcap"), input.getFileName());
        Files.createDirectories(dir.resolve("sub"));
        for (Path out : new Path[] {input, hard, link, dir.resolve("sub/../cap.pcap")}) {
            assertThatThrownBy(() -> AtomicFileOutput.requireWritable(out, Path.of("missing"), input))
                    .isInstanceOf(IOException.class).hasMessageContaining("it is the input " + input);
        }
        AtomicFileOutput.requireWritable(dir.resolve("other.pcap"), input);
        assertThat(input).hasContent("capture");
    }

    @Test
    void staleTemporaryOfADeadProcessIsRemovedByTheNextRun() throws IOException {
        Path target = dir.resolve("det.jsonl");
        Path stale = AtomicFileOutput.temporaryOf(target, deadPid());
        Files.writeString(stale, "half");
        Path alive = AtomicFileOutput.temporaryOf(target, ProcessHandle.current().parent().orElseThrow().pid());
        Files.writeString(alive, "someone else's, still running");
        write(target, "done");
        assertThat(stale).doesNotExist();
        assertThat(alive).exists();
        assertThat(target).hasContent("done");
    }

    /** The PID of a process that ran and ended. */
    private static long deadPid() throws IOException {
        Process p = new ProcessBuilder("true").start();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assumeTrue(ProcessHandle.of(p.pid()).isEmpty(), "PID reused at once");
        return p.pid();
    }
}
