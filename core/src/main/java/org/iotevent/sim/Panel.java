package org.iotevent.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Many independent homes of the same devices, as an ISP or a panel study sees them: each home has
 * its own seed (its own traffic and timing), WAN address (in 100.64.0.0/10, the carrier-grade NAT
 * space), MAC addresses and cloud addresses ({@link Home#salt()}), and its own capture clock: the
 * agents start capturing at different times within the first hour, and each clock is off true time
 * by up to ten minutes either way, so the homes' timestamps lag one another as real capture agents'
 * do.
 */
public final class Panel {
    /** Largest number of homes. */
    public static final int MAX_HOMES = 100_000;
    private static final long S = 1_000_000_000L;
    private static final int CGNAT = 0x64400000;

    private Panel() {}

    /**
     * One home of the panel.
     *
     * @param id its folder name, {@code home-0001}, ...
     * @param home the home (devices of the base home, its own WAN address)
     * @param options its simulation options (own seed, own start on its own clock)
     * @param startDelayNanos when its agent started capturing, after the panel's start
     * @param clockErrorNanos how far its capture clock is ahead of true time (negative: behind)
     */
    public record Member(String id, Home home, SimulationOptions options, long startDelayNanos, long clockErrorNanos) {}

    /** {@code count} homes of {@code base}'s devices, varied from {@code options} (its seed and start). */
    public static List<Member> members(Home base, int count, SimulationOptions options) {
        if (count < 1 || count > MAX_HOMES) {
            throw new IllegalArgumentException("homes must be in [1, " + MAX_HOMES + "], found " + count);
        }
        int width = Math.max(4, Integer.toString(count).length());
        List<Member> out = new ArrayList<>(count);
        // one stream for the panel: home k is the same whatever the number of homes after it
        SplittableRandom r = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        for (int k = 1; k <= count; k++) {
            long seed = options.seed() * 1_000_003L + k;
            long delay = (long) (r.nextDouble() * 3600 * S);
            long error = (long) ((r.nextDouble() * 2 - 1) * 600 * S);
            String id = String.format(Locale.ROOT, "home-%0" + width + "d", k);
            Home home = new Home(id, base.devices(), CGNAT + k, base.dnsServer());
            SimulationOptions o = options.withSeed(seed).withStartNanos(options.startNanos() + delay + error);
            out.add(new Member(id, home, o, delay, error));
        }
        return out;
    }

    /** Writes {@code homes.csv}: one line per home with its seed, WAN address, capture start and clock error. */
    public static void writeManifest(Path file, List<Member> members) throws IOException {
        StringBuilder b = new StringBuilder("home,seed,wan_address,capture_start_ns,start_delay_s,clock_error_s\n");
        for (Member m : members) {
            b.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.3f,%.3f%n", m.id(), m.options().seed(),
                    HomeReader.dotted(m.home().wanAddress()), m.options().startNanos(), m.startDelayNanos() / 1e9,
                    m.clockErrorNanos() / 1e9));
        }
        HomeSimulator.writeAtomically(file, out -> out.write(b.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
