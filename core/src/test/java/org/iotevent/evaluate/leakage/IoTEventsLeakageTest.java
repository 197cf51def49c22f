package org.iotevent.evaluate.leakage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.iotevent.capture.SharedData;
import org.iotevent.evaluate.IoTEventsReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On the paper authors' published sequences, the bound on the best attack lies at or above every
 * classifier measured there (README: the reference figures of the paper's method and the
 * {@code align} classifier, means of seeded 80/20 splits): its interval's upper end always, its
 * point estimate within 3 points (on 10 bursts of a bulb whose on and off differ by a byte of
 * jitter, align's 52.3 % is chance plus noise against a bound of 50 %).
 */
@Tag(SharedData.TAG)
class IoTEventsLeakageTest {
    @ParameterizedTest
    @CsvSource({
        "12_27jdgn_cz, 98.8",
        "12_31tuya_cz, 66.7",
        "12_31jdsp_cz, 50.0",
        "12_31samsung_dp, 52.3",
        "12_30samsung_renti, 70.7"
    })
    void theBoundLiesAtOrAboveTheBestClassifier(String file, double bestPercent) throws Exception {
        Path data = SharedData.file("data/iotevents/" + file + ".txt");
        LeakageFigures f = new Leakage(1).measure(IoTEventsReader.read(data).samples()).all();
        double best = bestPercent / 100;
        assertThat(f.bestAccuracy().high()).isGreaterThanOrEqualTo(best);
        assertThat(f.bestAccuracy().value()).isGreaterThanOrEqualTo(best - 0.03);
        assertThat(f.bits().value()).isBetween(0.0, f.entropyBits());
        assertThat(f.bits().value()).isBetween(f.bits().low(), f.bits().high());
    }
}
