package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Device models and what identifies them in traffic, for naming the devices a capture holds:
 * the cloud domain names they look up and connect to, their MAC address blocks, the TCP ports
 * they listen on. Built from the few real devices whose traffic is public and well described
 * ({@link #builtIn}), plus whatever the caller adds (the simulator's device models, signatures).
 */
public final class DeviceCatalogue {
    /**
     * One model.
     *
     * @param label what to call it, e.g. "TP-Link Kasa smart plug (HS1xx)"
     * @param vendor the maker
     * @param domains cloud domain names, lower case; a name matches itself and its subdomains
     * @param ouiOwners words of the MAC block owner's name in the IEEE registry (e.g. "TP-LINK"), upper case; or
     *     hexadecimal prefixes (e.g. "50C7BF")
     * @param listenPorts TCP ports the device accepts connections on (local control)
     * @param source where the entry comes from: {@code built-in}, {@code model FILE}, {@code signature FILE}
     * @param announcements what it says of itself on the LAN: text that begins its DHCP host name or
     *     vendor class, or that its mDNS names or SSDP lines contain (e.g. {@code chuangmi-plug},
     *     {@code _miio._udp}, {@code urn:Belkin:device}); compared ignoring case
     */
    public record Entry(String label, String vendor, List<String> domains, List<String> ouiOwners,
            List<Integer> listenPorts, String source, List<String> announcements) {
        public Entry {
            domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
            ouiOwners = ouiOwners.stream().map(o -> o.toUpperCase(Locale.ROOT)).toList();
            listenPorts = List.copyOf(listenPorts);
            announcements = announcements.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        }

        /** An entry that says nothing of its announcements. */
        public Entry(String label, String vendor, List<String> domains, List<String> ouiOwners,
                List<Integer> listenPorts, String source) {
            this(label, vendor, domains, ouiOwners, listenPorts, source, List.of());
        }

        /**
         * The entry's announcements that {@code hostName}, {@code vendorClass}, {@code mdns} or
         * {@code ssdp} carry (host name and vendor class begin with one), with the evidence phrase.
         */
        public List<Announced> announced(String hostName, String vendorClass, List<String> mdns, List<String> ssdp) {
            List<Announced> out = new ArrayList<>();
            for (String a : announcements) {
                String evidence = null;
                if (hostName != null && hostName.toLowerCase(Locale.ROOT).startsWith(a)) {
                    evidence = "DHCP host name " + hostName;
                } else if (vendorClass != null && vendorClass.toLowerCase(Locale.ROOT).startsWith(a)) {
                    evidence = "DHCP vendor class " + vendorClass;
                } else {
                    evidence = mdns.stream().filter(m -> m.toLowerCase(Locale.ROOT).contains(a)).findFirst()
                            .map(m -> "mDNS " + m).orElse(ssdp.stream().filter(m -> m.toLowerCase(Locale.ROOT)
                            .contains(a)).findFirst().map(m -> "SSDP " + m).orElse(null));
                }
                if (evidence != null) {
                    out.add(new Announced(a, evidence));
                }
            }
            return out;
        }

        /** The entry's domain that {@code name} is or lies under, or null. */
        public String domainOf(String name) {
            for (String d : domains) {
                if (Names.under(name, d)) {
                    return d;
                }
            }
            return null;
        }

        /** True when the MAC block (hex, upper case, 6 digits) or its owner's name is one of the entry's. */
        public boolean ouiMatches(String prefixHex, String owner) {
            for (String o : ouiOwners) {
                if (o.equals(prefixHex) || (owner != null && owner.toUpperCase(Locale.ROOT).contains(o))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One of an entry's announcements that a device carries, and where. */
    public record Announced(String announcement, String evidence) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Catalogue of {@code entries}. */
    public DeviceCatalogue(List<Entry> entries) {
        this.entries.addAll(entries);
    }

    /** The entries, built-in first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** A catalogue with these entries after this one's. */
    public DeviceCatalogue with(List<Entry> more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more);
        return new DeviceCatalogue(all);
    }

    /**
     * The built-in entries: devices whose cloud names are documented in public datasets
     * (PingPong, NDSS 2020; Campos et al., CSET 2021; the Mon(IoT)r lab, IMC 2019).
     */
    public static DeviceCatalogue builtIn() {
        String b = "built-in";
        return new DeviceCatalogue(List.of(
                new Entry("TP-Link Kasa smart plug or bulb", "TP-Link", List.of("tplinkcloud.com", "tplinkra.com",
                        "tplinknbu.com"), List.of("TP-LINK"), List.of(9999), b, List.of("HS1", "KP1", "KL1")),
                new Entry("Blink camera", "Amazon (Blink, Immedia Semiconductor)", List.of("immedia-semi.com",
                        "blinkforhome.com"), List.of(), List.of(), b),
                new Entry("Tuya (Smart Life) device", "Tuya", List.of("tuyaus.com", "tuyaeu.com", "tuyacn.com",
                        "tuyain.com"), List.of(), List.of(6668), b),
                new Entry("Xiaomi Mi home device", "Xiaomi", List.of("io.mi.com", "miot-spec.org", "xiaomi.net"),
                        List.of("XIAOMI"), List.of(), b, List.of("_miio._udp", "chuangmi-", "lumi-", "yeelink-",
                        "zhimi-")),
                new Entry("Philips Hue bridge", "Signify (Philips)", List.of("meethue.com"), List.of("PHILIPS",
                        "SIGNIFY"), List.of(), b, List.of("IpBridge", "_hue._tcp")),
                new Entry("Belkin WeMo", "Belkin", List.of("xbcs.net"), List.of("BELKIN"), List.of(49153), b,
                        List.of("urn:Belkin:device")),
                new Entry("Ring doorbell or camera", "Amazon (Ring)", List.of("ring.com", "ring.devices.a2z.com"),
                        List.of(), List.of(), b),
                new Entry("Google Nest device", "Google (Nest)", List.of("nest.com", "dropcam.com"), List.of("NEST"),
                        List.of(), b),
                new Entry("Wyze camera", "Wyze", List.of("wyzecam.com"), List.of(), List.of(), b),
                new Entry("SmartThings hub", "Samsung", List.of("smartthings.com"), List.of(), List.of(), b)));
    }
}
