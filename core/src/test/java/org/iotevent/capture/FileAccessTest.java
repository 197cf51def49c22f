package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are mapped with a look-ahead thread when several are read at once. */
class FileAccessTest {
    @TempDir
    Path dir;

    @Test
    void twoHomesAreMappedAndThreeReadThroughBuffers() throws IOException {
        List<Path> files = LookAhead.bigCaptures(dir, 3);
        for (int homes : new int[] {2, 3}) {
            List<HomeCaptures.HomeCapture> list = HomeCaptures.list(dir).subList(0, homes);
            List<Path> read = files.subList(0, homes);
            long[] threads = {-1};
            long[] packets = {0};
            HomeCaptures.merge(list, (home, record, timeline) -> {
                if (packets[0]++ == 0) {
                    threads[0] = LookAhead.threads(read);
                }
            });
            assertThat(threads[0]).as("look-ahead threads while %d homes are read", homes).isEqualTo(homes == 2 ? 2 : 0);
            assertThat(packets[0]).isEqualTo((long) homes * LookAhead.BIG_RECORDS);
        }
    }
}
