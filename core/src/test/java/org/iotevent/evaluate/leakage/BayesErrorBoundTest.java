package org.iotevent.evaluate.leakage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class BayesErrorBoundTest {
    @Test
    void noNearestNeighbourErrorAllowsPerfectAccuracy() {
        assertThat(BayesErrorBound.bestAccuracy(0, 2)).isEqualTo(1.0);
        assertThat(BayesErrorBound.bestAccuracy(0, 5)).isEqualTo(1.0);
    }

    @Test
    void chanceErrorBoundsAccuracyAtChance() {
        assertThat(BayesErrorBound.bestAccuracy(0.5, 2)).isCloseTo(0.5, offset(1e-12));
        assertThat(BayesErrorBound.bestAccuracy(2.0 / 3, 3)).isCloseTo(1.0 / 3, offset(1e-12));
        // leave-one-out on uninformative features errs slightly more than chance: still chance
        assertThat(BayesErrorBound.bestAccuracy(0.7, 3)).isCloseTo(1.0 / 3, offset(1e-12));
    }

    @Test
    void twoClassesWithoutInformationGiveTheMajorityShareExactly() {
        // uninformative features: 1-NN errs 2p(1-p); the best classifier says the majority label
        for (double p : new double[] {0.1, 0.3, 0.5, 0.64}) {
            assertThat(BayesErrorBound.bestAccuracy(2 * p * (1 - p), 2)).isCloseTo(Math.max(p, 1 - p), offset(1e-12));
        }
    }

    @Test
    void theBoundLiesBetweenTheNearestNeighbourAccuracyAndOne() {
        for (int m = 2; m <= 6; m++) {
            for (double r = 0; r < (m - 1.0) / m; r += 0.01) {
                double bound = BayesErrorBound.bestAccuracy(r, m);
                assertThat(bound).isBetween(1 - r, 1.0);
                // Cover-Hart's upper bound on the 1-NN error, evaluated at the Bayes error the bound gives, is r
                double rStar = 1 - bound;
                assertThat(rStar * (2 - m * rStar / (m - 1))).isCloseTo(r, offset(1e-9));
            }
        }
    }

    @Test
    void refusesImpossibleArguments() {
        assertThatThrownBy(() -> BayesErrorBound.bestAccuracy(0.2, 1)).hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> BayesErrorBound.bestAccuracy(1.2, 2)).hasMessageContaining("[0, 1]");
    }
}
