package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.LookAhead;
import org.iotevent.capture.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOptionsTest {
    @TempDir
    Path dir;

    /** Two {@code -r} captures are mapped, each with its look-ahead thread; three are read through a buffer each. */
    @Test
    void twoCapturesAreMappedAndThreeReadThroughBuffers() throws IOException {
        List<Path> files = LookAhead.bigCaptures(dir, 3);
        for (int n : new int[] {2, 3}) {
            ReadOptions options = new ReadOptions();
            files.subList(0, n).forEach(f -> options.inputs.add(f.toString()));
            StringWriter err = new StringWriter();
            CaptureRecord r = new CaptureRecord();
            long packets = 0;
            try (PacketSource source = options.open(new PrintWriter(err))) {
                assertThat(source.next(r)).isTrue();
                packets++;
                assertThat(LookAhead.threads(files.subList(0, n))).as("look-ahead threads while %d captures are read", n)
                        .isEqualTo(n == 2 ? 2 : 0);
                while (source.next(r)) {
                    packets++;
                }
            }
            assertThat(packets).isEqualTo((long) n * LookAhead.BIG_RECORDS);
            assertThat(err.toString()).isEmpty();
        }
    }
}
