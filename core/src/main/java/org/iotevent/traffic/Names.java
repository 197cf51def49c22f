package org.iotevent.traffic;

import java.util.Set;

/** Domain names as devices use them: subdomains, registered domains, names that say nothing of the device. */
public final class Names {
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "gov", "ac", "edu");

    private Names() {}

    /** True when {@code name} is {@code domain} or one of its subdomains. */
    public static boolean under(String name, String domain) {
        return name.equals(domain) || (name.endsWith(domain) && name.length() > domain.length()
                && name.charAt(name.length() - domain.length() - 1) == '.');
    }

    /**
     * The registered domain of {@code name}: its last two labels, or three under a country's
     * second-level domain ({@code example.co.uk}).
     */
    public static String registered(String name) {
        String[] labels = name.split("\\.");
        int n = labels.length;
        if (n <= 2) {
            return name;
        }
        int keep = labels[n - 1].length() == 2 && SECOND_LEVEL.contains(labels[n - 2]) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, n - keep, n));
    }

    /**
     * True for names every kind of device uses and that say nothing about which one it is: time
     * servers, reverse look-ups, mDNS's local names.
     */
    public static boolean generic(String name) {
        return under(name, "ntp.org") || name.startsWith("time.") || name.startsWith("ntp") || under(name, "arpa")
                || under(name, "local") || under(name, "time.nist.gov");
    }
}
