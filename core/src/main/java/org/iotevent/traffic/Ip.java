package org.iotevent.traffic;

/**
 * An IP address as a key (of {@link Addresses#keyHi}, {@link Addresses#keyLo}): formatted only when
 * printed. Two keys are equal exactly when their texts are.
 */
record Ip(long hi, long lo) {
    @Override
    public String toString() {
        return Addresses.formatIp(hi, lo);
    }
}
