package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.iotevent.capture.SharedData;
import org.iotevent.signature.PaperTrainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paper's exact method on the authors' published sequences lands within 2 points of the
 * reference figures of ../shared/data/iotevents/README.md (k = 1 and k = 3). 1000 seeded splits
 * rather than 100: with 2 or 3 test samples per split on the small files, the mean of 100 splits
 * still moves by about 3 points from seed to seed (standard error), in any implementation.
 */
@Tag(SharedData.TAG)
class IoTEventsReferenceTest {
    @ParameterizedTest
    @CsvSource({
        "12_27jdgn_cz, 94.2, 92.8",
        "12_31tuya_cz, 58.0, 58.0",
        "12_31jdsp_cz, 37.5, 37.5",
        "12_31samsung_dp, 33.5, 33.0",
        "12_30samsung_renti, 68.0, 68.0"
    })
    void paperMethodReproducesTheReference(String file, double k1, double k3) throws Exception {
        Path data = SharedData.file("data/iotevents/" + file + ".txt");
        Evaluator ev = new Evaluator(new PaperTrainer(new int[] {1}, 1), k -> new PaperTrainer(new int[] {k}, 1),
                new int[] {1, 3});
        Evaluation e = ev.evaluate(IoTEventsReader.read(data).samples(), 1000, 1);
        assertThat(100 * e.accuracyByK().get(1)).isCloseTo(k1, org.assertj.core.data.Offset.offset(2.0));
        assertThat(100 * e.accuracyByK().get(3)).isCloseTo(k3, org.assertj.core.data.Offset.offset(2.0));
    }
}
