package org.iotevent.detect;

/**
 * Writes the alert line of a privacy event into one reused builder (a whole home can raise a
 * million alerts a run): {@code iotevent: ALERT [DEVICE/]EVENT at 2026-01-01T00:00:00.250Z
 * (frames F-L, N packets, distance D)}. Not thread-safe.
 */
public final class AlertLine {
    private final StringBuilder sb = new StringBuilder(160);

    /**
     * The line of {@code e}, valid until the next call.
     *
     * @param device the device's name when several are watched, else null
     */
    public CharSequence of(String device, DetectedEvent e) {
        sb.setLength(0);
        return Text.alert(sb, device, e);
    }
}
