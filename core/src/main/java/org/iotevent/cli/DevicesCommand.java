package org.iotevent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.iotevent.capture.CaptureRecord;
import org.iotevent.capture.PacketSource;
import org.iotevent.decode.DecodedPacket;
import org.iotevent.decode.LinkDecoder;
import org.iotevent.decode.PacketDecoder;
import org.iotevent.signature.Signature;
import org.iotevent.sim.DeviceModel;
import org.iotevent.sim.DeviceModelReader;
import org.iotevent.traffic.Addresses;
import org.iotevent.traffic.DeviceCatalogue;
import org.iotevent.traffic.DeviceCensus;
import org.iotevent.traffic.DeviceIdentity;
import org.iotevent.traffic.DeviceSelector;
import org.iotevent.traffic.OuiRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code iotevent devices}: which devices a capture holds, with the evidence of what each is. */
@Command(name = "devices",
        header = "List the devices a capture holds, with the evidence of what each is.",
        footerHeading = "%nExamples:%n",
        footer = {"  iotevent devices -r home.pcap", "  iotevent devices -r wan.pcap --format json",
            "  iotevent devices -r wan.pcap --wan 198.51.100.7 --min-lifetime 300"},
        mixinStandardHelpOptions = true,
        description = "On the LAN side: every host with a private address, by its MAC address, with its MAC block's "
                + "owner (IEEE registry, --oui), DHCP host name and vendor class, mDNS and SSDP announcements, the "
                + "names it looks up in DNS and asks for in TLS (SNI), the clouds it talks to, the TCP ports it accepts "
                + "connections on, its long-lived connections and a guess of its model where the evidence allows. On "
                + "the WAN side (a capture without private addresses, or --wan): the clouds seen and, per cloud, each "
                + "long-lived connection, a candidate device, with the --device that selects it (and follows it when it "
                + "reconnects from a new port: the connections that continue it are listed under it).")
public final class DevicesCommand implements Callable<Integer> {
    /** The MAC registries Debian's ieee-data package installs, read when --oui is not given. */
    static final List<Path> DEBIAN_REGISTRIES = List.of(OuiRegistry.DEBIAN_OUI,
            Path.of("/usr/share/ieee-data/mam.csv"), Path.of("/usr/share/ieee-data/oui36.csv"));

    /** Output formats. */
    enum Format { text, json }

    /** What train and detect --match take as long-lived. */
    static final long MIN_LIFETIME_NANOS = 60_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Option(names = "--oui", paramLabel = "FILE",
            description = "The IEEE MAC registry in its CSV form (Registry,Assignment,Organization Name,...); may be "
                    + "given several times (oui.csv, mam.csv, oui36.csv). Default: Debian's ieee-data files in "
                    + "/usr/share/ieee-data when installed.")
    private List<Path> oui = new ArrayList<>();

    @Option(names = "--wan", paramLabel = "ROUTER_IP",
            description = "The router's WAN address: list its long-lived connections per cloud (found by itself in a "
                    + "capture without private addresses).")
    private String wan;

    @Option(names = "--min-lifetime", paramLabel = "SECONDS", defaultValue = "60",
            description = "A connection lasting at least this long is long-lived (default: ${DEFAULT-VALUE}).")
    private double minLifetime;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) for people, json for programs.")
    private Format format;

    @Override
    public Integer call() throws IOException {
        long[] router = null;
        if (wan != null) {
            router = Addresses.parseIp(wan.strip());
            if (router == null) {
                throw new UserInputException("--wan " + wan + ": expected the router's IP address");
            }
        }
        DeviceCensus.Result result;
        try (PacketSource source = read.open(spec.commandLine().getErr())) {
            result = census(source, registry(oui), catalogue(), router,
                    CaptureInput.nanos(minLifetime, "--min-lifetime", 0));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            text(result, out);
        }
        out.flush();
        return 0;
    }

    /** One pass over {@code source}. */
    static DeviceCensus.Result census(PacketSource source, OuiRegistry registry, DeviceCatalogue catalogue,
            long[] router, long minLifetimeNanos) throws IOException {
        DeviceCensus census = new DeviceCensus(registry, catalogue, router, minLifetimeNanos);
        CaptureRecord record = new CaptureRecord();
        DecodedPacket packet = new DecodedPacket();
        LinkDecoder decoder = new LinkDecoder();
        PacketDecoder.Step<RuntimeException> step = census::packet;
        while (source.next(record)) {
            if (record.hasTimestamp) {
                decoder.forEachPacket(record, packet, step);
            }
        }
        return census.finish();
    }

    /**
     * A census that records the identity of the device {@code device} selects, for its signature,
     * fed by training's one read of the capture.
     */
    static DeviceCensus identityCensus(DeviceSelector device) {
        long[] router = device.kind() == DeviceSelector.Kind.WAN && device.hasIp()
                ? new long[] {device.ipHi(), device.ipLo()} : null;
        return new DeviceCensus(OuiRegistry.empty(), new DeviceCatalogue(List.of()), router, MIN_LIFETIME_NANOS);
    }

    /** A signature applied to a device found by its evidence. */
    record Match(int signature, DeviceSelector selector, DeviceCensus.Guess evidence) {}

    /**
     * Which devices of the capture each signature applies to: a census of the capture whose
     * catalogue is the signatures' identities; every device (LAN side) or long-lived connection
     * (WAN side) that fits one gets it.
     *
     * @param unmatched receives each device that fits no signature, described
     */
    static List<Match> match(PacketSource source, List<Signature> signatures, List<String> names,
            List<String> unmatched) throws IOException {
        List<DeviceCatalogue.Entry> entries = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            DeviceIdentity id = signatures.get(i).identity();
            if (id != null) {
                entries.add(id.entry(Integer.toString(i), "signature " + names.get(i)));
            }
        }
        DeviceCensus.Result found = census(source, registry(List.of()), new DeviceCatalogue(entries), null,
                MIN_LIFETIME_NANOS);
        List<Match> out = new ArrayList<>();
        for (DeviceCensus.Device d : found.devices()) {
            String address = d.addresses().stream().filter(a -> a.indexOf(':') < 0).findFirst()
                    .orElse(d.addresses().isEmpty() ? d.mac() : d.addresses().get(0));
            if (d.guess() != null) {
                out.add(new Match(Integer.parseInt(d.guess().label()), DeviceSelector.parse(address, List.of()),
                        d.guess()));
            } else if (d.sent() > 0) {
                unmatched.add(address + (d.mac() == null ? "" : " " + d.mac()) + (d.macOwner() == null ? ""
                        : " (" + d.macOwner() + ")"));
            }
        }
        for (DeviceCensus.Cloud c : found.clouds()) {
            for (DeviceCensus.Connection conn : c.connections()) {
                if (conn.guess() != null) {
                    out.add(new Match(Integer.parseInt(conn.guess().label()), DeviceSelector.parse(conn.device(),
                            List.of()), conn.guess()));
                } else {
                    unmatched.add(conn.device() + " (" + conn.protocol() + " to " + conn.remote()
                            + (conn.name() == null ? "" : " " + conn.name()) + ")");
                }
            }
        }
        return out;
    }

    /** The registries in {@code files}, or Debian's when none is given (empty when not installed). */
    static OuiRegistry registry(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            List<Path> installed = DEBIAN_REGISTRIES.stream().filter(Files::isRegularFile).toList();
            return installed.isEmpty() ? OuiRegistry.empty() : OuiRegistry.read(installed);
        }
        for (Path f : files) {
            CaptureInput.existingFile(f.toString(), "--oui registry");
        }
        return OuiRegistry.read(files);
    }

    /** The built-in models and the simulator's embedded ones. */
    static DeviceCatalogue catalogue() throws IOException {
        List<DeviceCatalogue.Entry> models = new ArrayList<>();
        for (String name : DeviceModelReader.embeddedNames()) {
            DeviceModel m = DeviceModelReader.embedded(name);
            byte[] o = m.oui();
            List<String> announced = new ArrayList<>();
            DeviceModel.Announce a = m.announce();
            if (a != null) {
                if (a.dhcpHostName() != null) {
                    announced.add(a.dhcpHostName().replaceAll("\\{.*", "")); // what precedes the device's id
                }
                a.mdnsServices().forEach(announced::add);
                if (a.ssdpType() != null) {
                    announced.add(a.ssdpType());
                }
            }
            announced.removeIf(String::isEmpty);
            models.add(new DeviceCatalogue.Entry(m.label(), m.vendor(), m.domains(),
                    List.of(String.format("%02X%02X%02X", o[0], o[1], o[2])), List.of(), "simulator model " + name,
                    announced));
        }
        return DeviceCatalogue.builtIn().with(models);
    }

    private static void text(DeviceCensus.Result r, PrintWriter out) {
        out.printf("%d packets; %d device%s on the LAN side%n", r.packets(), r.devices().size(),
                r.devices().size() == 1 ? "" : "s");
        for (DeviceCensus.Device d : r.devices()) {
            out.println();
            out.println(String.join("  ", nonNull(String.join(", ", d.addresses()), d.mac(), d.macOwner())));
            if (d.guess() != null) {
                out.println("  model guess: " + guess(d.guess()));
            }
            out.printf("  packets: %d (%d bytes), %s to %s%n", d.packets(), d.bytes(), time(d.firstSeconds()),
                    time(d.lastSeconds()));
            if (d.dhcpHostName() != null || d.dhcpVendorClass() != null || d.dhcpParameters() != null) {
                out.println("  DHCP: " + String.join(", ", nonNull(
                        d.dhcpHostName() == null ? null : "host name " + d.dhcpHostName(),
                        d.dhcpVendorClass() == null ? null : "vendor class " + d.dhcpVendorClass(),
                        d.dhcpParameters() == null ? null : "asks for options " + d.dhcpParameters())));
            }
            list(out, "mDNS", d.mdns());
            list(out, "SSDP", d.ssdp());
            list(out, "DNS names", d.dnsNames());
            list(out, "TLS server names (SNI)", d.serverNames());
            List<String> clouds = new ArrayList<>();
            for (DeviceCensus.CloudUse c : d.clouds()) {
                clouds.add(c.cloud() + " (" + (c.names().isEmpty() ? "" : String.join(" ", c.names()) + "; ")
                        + c.addresses() + " address" + (c.addresses() == 1 ? "" : "es") + ", " + c.packets()
                        + " packets)");
            }
            list(out, "talks to", clouds);
            List<String> ports = new ArrayList<>();
            d.listens().forEach((port, n) -> ports.add("tcp/" + port + " (" + n + " connection" + (n == 1 ? "" : "s")
                    + ")"));
            list(out, "accepts connections on", ports);
            if (!d.connections().isEmpty()) {
                out.println("  long-lived connections:");
                for (DeviceCensus.Connection c : d.connections()) {
                    out.println("    " + connection(c));
                }
            }
        }
        if (r.wanAddress() != null) {
            out.println();
            out.printf("WAN side: home address %s; %d cloud%s with long-lived connections (each a candidate device)%n",
                    r.wanAddress(), r.clouds().size(), r.clouds().size() == 1 ? "" : "s");
            for (DeviceCensus.Cloud c : r.clouds()) {
                out.println();
                out.println("cloud " + c.cloud() + (c.names().isEmpty() ? "" : " (" + String.join(", ", c.names()) + ")")
                        + ": " + c.connections().size() + " connection" + (c.connections().size() == 1 ? "" : "s"));
                for (DeviceCensus.Connection conn : c.connections()) {
                    out.println("  " + connection(conn) + "  --device " + conn.device());
                    for (DeviceCensus.Connection later : conn.reconnections()) {
                        out.println("    then reconnected: " + connection(later));
                    }
                    if (conn.guess() != null) {
                        out.println("    model guess: " + guess(conn.guess()));
                    }
                }
            }
        }
    }

    private static String guess(DeviceCensus.Guess g) {
        return g.label() + " (" + g.vendor() + "; " + g.source() + "): " + String.join("; ", g.evidence());
    }

    private static String connection(DeviceCensus.Connection c) {
        String beat = c.heartbeatSeconds() == null ? ""
                : String.format(Locale.ROOT, ", a burst every %.1f s (%.0f %% regular)", c.heartbeatSeconds(),
                        100 * c.regularity());
        return String.format(Locale.ROOT, "%s %s -> %s%s, %s, %d packets, %d bursts%s", c.protocol(), c.local(),
                c.remote(), c.name() == null ? "" : " " + c.name(), duration(c.lifetimeSeconds()), c.packets(),
                c.bursts(), beat);
    }

    private static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60) : t + " s";
    }

    private static String time(double seconds) {
        return Double.isNaN(seconds) ? "?" : Instant.ofEpochMilli(Math.round(seconds * 1000)).toString();
    }

    private static void list(PrintWriter out, String what, List<String> items) {
        if (!items.isEmpty()) {
            out.println("  " + what + ": " + String.join(", ", items));
        }
    }

    private static List<String> nonNull(String... items) {
        List<String> out = new ArrayList<>();
        for (String s : items) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
