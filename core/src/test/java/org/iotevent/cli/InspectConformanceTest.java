package org.iotevent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iotevent.decode.Oracle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code iotevent inspect} on every capture of the test capture set (src/test/resources/captures) against its tshark oracle, frame
 * by frame and column by column; for files tshark rejects, exactly the frames tshark delivered,
 * then one error line and exit 1.
 */
class InspectConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyCaptureMatchesItsOracle() throws IOException {
        return Oracle.testEach(InspectConformanceTest::check);
    }

    private static void check(Path capture) throws IOException {
        Oracle oracle = Oracle.of(capture);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("inspect", "-r", capture.toString());
        List<String> lines = out.toString().lines().toList();
        // no header either when the capture's own header is refused (nothing on stdout, as tcpdump)
        if (!lines.isEmpty() || oracle.error().isEmpty()) {
            assertThat(lines.get(0).split("\t")).containsExactly(InspectRow.COLUMNS);
        }
        List<String> mismatches = new ArrayList<>();
        List<String> rows = lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
        for (int i = 0; i < Math.min(rows.size(), oracle.rows().size()); i++) {
            String[] cells = rows.get(i).split("\t", -1);
            for (Map.Entry<String, String> e : oracle.rows().get(i).expectedInspect(i + 1).entrySet()) {
                String got = cells[Arrays.asList(InspectRow.COLUMNS).indexOf(e.getKey())];
                if (!got.equals(e.getValue())) {
                    mismatches.add("frame " + (i + 1) + " " + e.getKey() + ": expected '" + e.getValue()
                            + "' got '" + got + "'");
                }
            }
        }
        assertThat(mismatches).as("%s: cells that differ from tshark", capture.getFileName()).isEmpty();
        if (oracle.error().isEmpty()) {
            assertThat(err.toString()).isEmpty();
            assertThat(exit).isZero();
            assertThat(rows).hasSameSizeAs(oracle.rows());
        } else {
            assertThat(rows).hasSize(oracle.framesBeforeError());
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString().lines().toList()).hasSize(1)
                    .first().asString().startsWith("iotevent: " + capture + ": ");
        }
    }
}
