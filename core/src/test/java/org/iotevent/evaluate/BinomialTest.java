package org.iotevent.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class BinomialTest {
    @Test
    void clopperPearsonMatchesPublishedIntervals() {
        // closed forms at the edges: (0, 1 - 0.025^(1/n)) and (0.025^(1/n), 1)
        assertThat(Binomial.clopperPearson(0, 10)).containsExactly(new double[] {0, 1 - Math.pow(0.025, 0.1)}, offset(1e-9));
        assertThat(Binomial.clopperPearson(10, 10)).containsExactly(new double[] {Math.pow(0.025, 0.1), 1}, offset(1e-9));
        // published values (e.g. R's binom.test): 5 of 10 -> [0.1870860, 0.8129140]; 1 of 20 -> [0.001265, 0.248733]
        assertThat(Binomial.clopperPearson(5, 10)).containsExactly(new double[] {0.1870860, 0.8129140}, offset(1e-6));
        assertThat(Binomial.clopperPearson(1, 20)).containsExactly(new double[] {0.0012650, 0.2487328}, offset(1e-6));
        // 18 of 36 -> [0.3292, 0.6708]
        assertThat(Binomial.clopperPearson(18, 36)).containsExactly(new double[] {0.3292, 0.6708}, offset(1e-4));
        assertThat(Binomial.clopperPearson(0, 0)).containsExactly(0, 1);
    }

    @Test
    void exactTailsAndPValues() {
        assertThat(Binomial.pValue(8, 10, 0.5)).isCloseTo(56.0 / 1024, offset(1e-12));
        assertThat(Binomial.pValue(10, 10, 0.5)).isCloseTo(1.0 / 1024, offset(1e-12));
        assertThat(Binomial.pValue(0, 10, 0.3)).isEqualTo(1);
        assertThat(Binomial.atMost(2, 10, 0.5)).isCloseTo(56.0 / 1024, offset(1e-12));
        // 60 of 100 against one half: P(X >= 60) = 0.028444
        assertThat(Binomial.pValue(60, 100, 0.5)).isCloseTo(0.0284440, offset(1e-6));
        assertThat(Binomial.pValue(3, 10, 0)).isZero();
        assertThat(Binomial.pValue(3, 10, 1)).isEqualTo(1);
    }

    @Test
    void fishersExactTest() {
        // the lady tasting tea: 4 cups of 8 with milk first, all 4 named right: 1 / C(8, 4)
        assertThat(Binomial.fisherAtLeast(4, 4, 4, 8)).isCloseTo(1.0 / 70, offset(1e-12));
        // 3 of 4 right: (C(4,3) C(4,1) + 1) / 70
        assertThat(Binomial.fisherAtLeast(3, 4, 4, 8)).isCloseTo(17.0 / 70, offset(1e-12));
        assertThat(Binomial.fisherAtLeast(0, 4, 4, 8)).isEqualTo(1);
        // 97.5 % Clopper-Pearson of 10 of 10: 0.0125^(1/10)
        assertThat(Binomial.clopperPearson(10, 10, 0.0125)[0]).isCloseTo(Math.pow(0.0125, 0.1), offset(1e-9));
    }

    @Test
    void wilsonAndLogGamma() {
        // 5 of 10: [0.2366, 0.7634]
        assertThat(Binomial.wilson(5, 10)).containsExactly(new double[] {0.2366, 0.7634}, offset(1e-4));
        assertThat(Binomial.logGamma(10)).isCloseTo(Math.log(362_880), offset(1e-12));
        assertThat(Binomial.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), offset(1e-12));
    }
}
