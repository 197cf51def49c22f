package org.iotevent.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of 128-bit IP address keys ({@link Addresses}) with allocation-free lookups, for the
 * per-packet path. Open addressing with linear probing; grows by doubling.
 */
public final class AddressSet {
    private long[] his = new long[32];
    private long[] los = new long[32];
    private boolean[] used = new boolean[32];
    private int size;

    /** Adds a key; returns true when it was not in the set yet. */
    public boolean add(long hi, long lo) {
        if ((size + 1) * 2 > used.length) {
            grow();
        }
        int i = slot(hi, lo, used.length);
        while (used[i]) {
            if (his[i] == hi && los[i] == lo) {
                return false;
            }
            i = (i + 1) & (used.length - 1);
        }
        used[i] = true;
        his[i] = hi;
        los[i] = lo;
        size++;
        return true;
    }

    /** True when the key is in the set. */
    public boolean contains(long hi, long lo) {
        int mask = used.length - 1;
        for (int i = slot(hi, lo, used.length); used[i]; i = (i + 1) & mask) {
            if (his[i] == hi && los[i] == lo) {
                return true;
            }
        }
        return false;
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    /** The keys as pairs (hi, lo), in no particular order: what {@link #addAll} takes back. */
    public long[] keys() {
        long[] out = new long[size * 2];
        int n = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                out[n++] = his[i];
                out[n++] = los[i];
            }
        }
        return out;
    }

    /** Adds the pairs (hi, lo) of {@code keys} ({@link #keys}'s form). */
    public void addAll(long[] keys) {
        for (int i = 0; i + 1 < keys.length; i += 2) {
            add(keys[i], keys[i + 1]);
        }
    }

    /** The keys formatted as addresses, in no particular order. */
    public List<String> formatted() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                out.add(Addresses.formatIp(his[i], los[i]));
            }
        }
        return out;
    }

    private static int slot(long hi, long lo, int capacity) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        return (int) h & (capacity - 1);
    }

    private void grow() {
        long[] oldHi = his;
        long[] oldLo = los;
        boolean[] oldUsed = used;
        his = new long[oldUsed.length * 2];
        los = new long[oldUsed.length * 2];
        used = new boolean[oldUsed.length * 2];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                add(oldHi[i], oldLo[i]);
            }
        }
    }
}
