package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What identifies a device model in traffic, as a signature records it: the specific names it
 * used (DNS names, TLS server names, its cloud's names; not time servers or local names), its MAC
 * block, the TCP ports it accepts connections on and its heartbeat period. A device of another
 * home that uses mostly the same names is taken for the same model ({@link #entry}).
 *
 * @param names domain names, lower case; a name matches itself and its subdomains
 * @param ouiPrefixes MAC blocks, six upper-case hex digits
 * @param listenPorts TCP ports
 * @param heartbeatSeconds the period of its most frequent burst, or null when unknown
 */
public record DeviceIdentity(List<String> names, List<String> ouiPrefixes, List<Integer> listenPorts,
        Double heartbeatSeconds) {
    static final int MAX_ITEMS = 64;

    public DeviceIdentity {
        names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        ouiPrefixes = ouiPrefixes.stream().map(o -> o.toUpperCase(Locale.ROOT)).distinct().sorted().toList();
        listenPorts = listenPorts.stream().distinct().sorted().toList();
        for (String n : names) {
            if (!n.matches("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?")) {
                throw new IllegalArgumentException("identity name '" + n + "' is not a domain name");
            }
        }
        for (String o : ouiPrefixes) {
            if (!o.matches("[0-9A-F]{6}")) {
                throw new IllegalArgumentException("identity MAC block '" + o + "' is not six hex digits");
            }
        }
        for (int p : listenPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("identity port " + p + " is not in 1..65535");
            }
        }
        if (names.size() > MAX_ITEMS || ouiPrefixes.size() > MAX_ITEMS || listenPorts.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("identity lists at most " + MAX_ITEMS + " items of each kind");
        }
        if (heartbeatSeconds != null && !(heartbeatSeconds > 0 && heartbeatSeconds <= 86_400)) {
            throw new IllegalArgumentException("identity heartbeat " + heartbeatSeconds + " is not in (0, 86400] s");
        }
    }

    /** True when there is nothing to match by name: a device that used no specific name. */
    public boolean nameless() {
        return names.isEmpty();
    }

    /** The identity of a device found on the LAN side. */
    public static DeviceIdentity of(DeviceCensus.Device d) {
        TreeSet<String> names = new TreeSet<>(d.dnsNames());
        names.addAll(d.serverNames());
        d.clouds().forEach(c -> names.addAll(c.names()));
        names.removeIf(Names::generic);
        List<String> oui = d.mac() == null ? List.of() : List.of(d.mac().replace(":", "").substring(0, 6));
        Double beat = d.connections().isEmpty() ? null : d.connections().get(0).heartbeatSeconds();
        return new DeviceIdentity(limit(names), oui, limit(d.listens().keySet()), beat);
    }

    /** The identity of one connection on the WAN side: its remote's name and heartbeat. */
    public static DeviceIdentity of(DeviceCensus.Connection c) {
        return new DeviceIdentity(c.name() == null ? List.of() : List.of(c.name()), List.of(), List.of(),
                c.heartbeatSeconds());
    }

    /** A catalogue entry that names devices of this identity {@code label}. */
    public DeviceCatalogue.Entry entry(String label, String source) {
        return new DeviceCatalogue.Entry(label, "", names, ouiPrefixes, listenPorts, source);
    }

    private static <T> List<T> limit(java.util.Collection<T> items) {
        List<T> out = new ArrayList<>(items);
        return out.subList(0, Math.min(out.size(), MAX_ITEMS));
    }
}
