package org.iotevent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.iotevent.sim.DeviceModelReader;
import org.iotevent.sim.Home;
import org.iotevent.sim.HomeReader;
import org.iotevent.sim.HomeSimulator;
import org.iotevent.sim.Panel;
import org.iotevent.sim.SimulationOptions;
import org.iotevent.sim.SimulationSummary;
import org.iotevent.sim.Vantage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent simulate}: a simulated smart home's captures, event log and ground truth. */
@Command(name = "simulate",
        header = "Simulate a smart home: LAN, WAN and WiFi captures, event logs, ground truth.",
        footerHeading = "%nExample:%n",
        footer = {"  iotevent simulate --hours 2 -o home"},
        mixinStandardHelpOptions = true,
        description = {"Simulate a smart home and write, per vantage point (LAN, WAN behind NAT, WiFi monitor "
                + "mode), a pcap capture, plus the event log (events.csv, events/DEVICE.csv) and the ground "
                + "truth (truth.json). The same seed gives the same bytes."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HomeOptions homeOptions = new HomeOptions();

    @Option(names = "--hours", paramLabel = "H", description = "Simulated time in hours (default 1, or what "
            + "--repetitions needs).")
    Double hours;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (created).")
    Path output;

    @Option(names = "--spacing", paramLabel = "SEC", defaultValue = "60",
            description = "Seconds between two triggered events of one device. Default: ${DEFAULT-VALUE}.")
    double spacingS;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "0",
            description = "Trigger each event of each device N times (0: as often as --hours allows).")
    int repetitions;

    @Option(names = "--background-only", description = "Trigger no events: only the devices' own traffic "
            + "(for false-alarm measurements).")
    boolean backgroundOnly;

    @Option(names = "--vantage", paramLabel = "V", split = ",", description = "Captures to write: lan, wan, wifi "
            + "(default: those three), wan6 (the WAN side over IPv6, no NAT), wan-pppoe (the WAN side in a PPPoE session), "
            + "wifi-amsdu (an access point that aggregates downlink packets in protected A-MSDUs), wifi-open-amsdu "
            + "(the same on an open network: the subframes show).")
    List<String> vantages;

    @Option(names = "--start", paramLabel = "EPOCH_S", description = "Session start in epoch seconds (default "
            + "2026-01-01T00:00:00Z).")
    Long startS;

    @Option(names = "--log-zone", paramLabel = "ZONE", description = "Write the event logs in this time zone's local "
            + "wall-clock time as if it were UTC (e.g. Europe/Berlin: the wrong-clock case, with its daylight-saving "
            + "jumps). Default: the capture's clock.")
    String logZone;

    @Option(names = "--log-scatter", paramLabel = "SEC", defaultValue = "0", description = "Write each event up to "
            + "SEC seconds before or after it happened, as a scheduler's log of planned times. Default: ${DEFAULT-VALUE}.")
    double logScatterS;

    @Option(names = "--homes", paramLabel = "N", description = "Simulate N independent homes of these devices into "
            + "-o DIR/home-0001, ...: each with its own seed, WAN address, MAC and cloud addresses, and a capture clock "
            + "that starts at its own time and is off true time by up to 10 minutes; DIR/homes.csv lists them.")
    Integer homes;

    @Option(names = "--force", description = "Write into -o DIR (or --export-models DIR) even when it already holds files "
            + "(those of the same names are replaced).")
    boolean force;

    @Option(names = "--list", description = "List the embedded device models and exit.")
    boolean list;

    @Option(names = "--export-models", paramLabel = "DIR", description = "Write the embedded device models and "
            + "a home.json naming them as editable JSON files into DIR and exit.")
    Path exportDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (String name : DeviceModelReader.embeddedNames()) {
                var m = DeviceModelReader.embedded(name);
                out.printf(Locale.ROOT, "%-18s %-22s %-16s %-18s events: %s%n", name, m.label(), m.cloud(),
                        m.protocol().label(), String.join(", ", m.events().stream().map(e -> e.name()).toList()));
            }
            out.flush();
            return 0;
        }
        if (exportDir != null) {
            requireEmptyOrForced(exportDir, "--export-models"); // edited models are not overwritten
            Files.createDirectories(exportDir);
            for (String name : DeviceModelReader.embeddedNames()) {
                Files.write(exportDir.resolve(name + ".json"), DeviceModelReader.embeddedJson(name));
            }
            Files.write(exportDir.resolve("home.json"), HomeReader.exportedHomeJson());
            out.println("wrote " + DeviceModelReader.embeddedNames().size() + " device models and home.json to "
                    + exportDir + "; edit them and run: iotevent simulate --home " + exportDir.resolve("home.json")
                    + " -o DIR");
            out.flush();
            return 0;
        }
        if (output == null) {
            throw new UserInputException("simulate needs -o DIR (the output directory)");
        }
        requireEmptyOrForced(output, "-o");
        Home h = homeOptions.resolve();
        SimulationOptions options = options(h);
        if (homes != null) {
            return simulatePanel(h, options, out);
        }
        SimulationSummary s = HomeSimulator.run(h, options, output);
        out.printf(Locale.ROOT, "simulated home %s: %d devices, %.2f h, seed %d, %d events, %d packets%n", h.name(),
                h.devices().size(), options.durationNanos() / 3.6e12, homeOptions.seed, s.events(), s.packets());
        for (Vantage v : Vantage.values()) {
            if (s.frames().containsKey(v)) {
                out.printf(Locale.ROOT, "  %-32s %,12d frames %,10.1f MB%n", output.resolve(v.fileName()),
                        s.frames().get(v), s.bytes().get(v) / 1e6);
            }
        }
        out.println("  " + output.resolve("events.csv") + "  (events of every device as device/event)");
        out.println("  " + output.resolve("events") + "/DEVICE.csv  (one device's events)");
        out.println("  " + output.resolve("truth.json") + "  (ground truth: devices, addresses, each event's frames)");
        out.flush();
        return 0;
    }

    private int simulatePanel(Home base, SimulationOptions options, PrintWriter out) throws IOException {
        if (homes < 1 || homes > Panel.MAX_HOMES) {
            throw new UserInputException("--homes must be in [1, " + Panel.MAX_HOMES + "], found " + homes);
        }
        List<Panel.Member> members = Panel.members(base, homes, options);
        long packets = 0;
        long events = 0;
        for (Panel.Member m : members) {
            SimulationSummary s = HomeSimulator.run(m.home(), m.options(), output.resolve(m.id()));
            packets += s.packets();
            events += s.events();
        }
        Files.createDirectories(output);
        Panel.writeManifest(output.resolve("homes.csv"), members);
        out.printf(Locale.ROOT, "simulated %d homes of %d devices, %.2f h each, %d events, %d packets%n", homes,
                base.devices().size(), options.durationNanos() / 3.6e12, events, packets);
        out.println("  " + output.resolve(members.get(0).id()) + " ... " + output.resolve(members.get(members.size() - 1).id())
                + "  (one home each, as simulate writes one)");
        out.println("  " + output.resolve("homes.csv") + "  (each home's seed, WAN address, capture start and clock error)");
        out.flush();
        return 0;
    }

    /** A folder that holds files is someone's work: replaced only with --force. */
    private void requireEmptyOrForced(Path dir, String option) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(option + " " + dir + ": exists and is not a directory");
        }
        if (!force && Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UserInputException(option + " " + dir + ": the directory already holds files; choose an "
                            + "empty or new directory, or give --force to replace the files of the same names");
                }
            }
        }
    }

    private SimulationOptions options(Home h) {
        if (!(spacingS >= 1 && spacingS <= 86_400)) {
            throw new UserInputException("--spacing must be in [1, 86400] seconds, found " + spacingS);
        }
        if (repetitions < 0) {
            throw new UserInputException("--repetitions must be >= 0, found " + repetitions);
        }
        homeOptions.checkNoise();
        Set<Vantage> which = EnumSet.noneOf(Vantage.class);
        for (String v : vantages == null ? List.of("lan", "wan", "wifi") : vantages) {
            Vantage found = null;
            for (Vantage candidate : Vantage.values()) {
                if (candidate.key().equals(v.trim().toLowerCase(Locale.ROOT))) {
                    found = candidate;
                }
            }
            if (found == null) {
                throw new UserInputException("--vantage: expected lan, wan, wifi, wan6, wan-pppoe, wifi-amsdu or "
                        + "wifi-open-amsdu, found \"" + v + "\"");
            }
            which.add(found);
        }
        SimulationOptions o = SimulationOptions.defaults(homeOptions.seed)
                .withEventSpacingNanos((long) (spacingS * 1e9))
                .withRepetitions(repetitions)
                .withBackgroundOnly(backgroundOnly)
                .withNoiseFraction(homeOptions.noise)
                .withVantages(which);
        if (!(logScatterS >= 0 && logScatterS <= 3_600)) {
            throw new UserInputException("--log-scatter must be in [0, 3600] seconds, found " + logScatterS);
        }
        if (logZone != null) {
            try {
                java.time.ZoneId.of(logZone);
            } catch (java.time.DateTimeException e) {
                throw new UserInputException("--log-zone " + logZone + ": not a time zone (e.g. Europe/Berlin, "
                        + "America/New_York)");
            }
        }
        o = o.withLogZone(logZone).withLogScatterS(logScatterS);
        if (startS != null) {
            if (startS < 0 || startS > 4_000_000_000L) {
                throw new UserInputException("--start must be epoch seconds in [0, 4e9], found " + startS);
            }
            o = o.withStartNanos(startS * 1_000_000_000L);
        }
        if (hours != null) {
            if (!(hours > 0 && hours <= 24 * 365)) {
                throw new UserInputException("--hours must be in (0, 8760], found " + hours);
            }
            o = o.withDurationNanos((long) (hours * 3.6e12));
        } else if (repetitions > 0) {
            int most = h.devices().stream().mapToInt(d -> d.model().events().size()).max().orElse(1);
            // the same bound as --hours: a year of simulated time
            double hoursNeeded = ((double) repetitions * most * spacingS) / 3600;
            if (hoursNeeded > 24 * 365) {
                throw new UserInputException("--repetitions " + repetitions + ": " + most + " events every "
                        + spacingS + " s need " + Math.round(hoursNeeded) + " h of simulated time, more than the "
                        + "limit of 8760 h (a year); give fewer repetitions or a shorter --spacing");
            }
            o = o.withDurationNanos(o.durationForRepetitions(most));
        }
        return o;
    }
}
