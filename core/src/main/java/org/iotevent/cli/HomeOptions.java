package org.iotevent.cli;

import java.io.IOException;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeReader;
import picocli.CommandLine.Option;

/** The options of a simulated home that {@code simulate} and {@code demo} share. */
final class HomeOptions {
    @Option(names = "--home", paramLabel = "FILE|NAME", defaultValue = "default",
            description = "A home JSON file, an embedded home (default: the paper's nine devices) or one embedded "
                    + "device model (simulate --list lists them). Default: ${DEFAULT-VALUE}.")
    String home;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of every random choice: the same seed gives the same bytes (demo: of the training "
                    + "session; detection uses S + 1). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--noise", paramLabel = "FRACTION", defaultValue = "0.005",
            description = "Expected fraction of unrelated packets inside each event's exchange, in [0, 0.9) "
                    + "(0.05 = 5 %%). Default: ${DEFAULT-VALUE}.")
    double noise;

    /** Refuses a noise fraction outside [0, 0.9). */
    void checkNoise() {
        if (!(noise >= 0 && noise < 0.9)) {
            throw new UserInputException("--noise must be in [0, 0.9), found " + noise);
        }
    }

    /** The home {@code --home} names. */
    Home resolve() throws IOException {
        return HomeReader.resolve(home);
    }
}
