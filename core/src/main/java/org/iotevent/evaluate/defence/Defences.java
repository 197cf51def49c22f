package org.iotevent.evaluate.defence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The defences {@code iotevent defend} measures. Lengths never exceed {@link #MTU} by padding (a
 * packet already longer keeps its length), and padding never shortens a packet.
 */
public final class Defences {
    /** IP-layer MTU of an Ethernet or WiFi link, bytes. */
    public static final int MTU = 1500;

    /**
     * Bytes WireGuard adds around an inner IP packet padded to 16: outer IPv4 header 20, UDP 8,
     * data message header 16, Poly1305 tag 16.
     */
    public static final int WIREGUARD_OVERHEAD = 60;

    private Defences() {}

    /**
     * The standard set: block padding to 16, 64, 256 and the MTU, random padding (up to 255 bytes,
     * and up to the MTU), each direction padded to one constant size, constant-rate shaping with
     * cover traffic (two settings) and a WireGuard tunnel carrying the whole home.
     *
     * @param coverPerSecond rate of cover on-periods for shaping, per second (e.g. the rate of the
     *     event log's triggers, so the eavesdropper sees as many fake on-periods as real events)
     */
    public static List<Defence> standard(double coverPerSecond) {
        List<Defence> out = new ArrayList<>();
        for (int block : new int[] {16, 64, 256, MTU}) {
            out.add(new BlockPadding(block));
        }
        out.add(new RandomPadding(255));
        out.add(new RandomPadding(MTU));
        out.add(new ConstantSize());
        out.add(new Shaping(20_000_000L, 1_000_000_000L, coverPerSecond));
        out.add(new Shaping(100_000_000L, 5_000_000_000L, coverPerSecond));
        out.add(new Vpn());
        return out;
    }

    /** Applies a length map packet by packet; times and delays unchanged. */
    private static PacketTrace mapLengths(PacketTrace in, IntUnaryOperator padded) {
        int[] lengths = in.signedLengths();
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = Integer.signum(lengths[i]) * padded.applyAsInt(Math.abs(lengths[i]));
        }
        return new PacketTrace(in.timeNanos(), lengths, in.delayNanos());
    }

    /** Every packet padded up to a multiple of {@code block} bytes (capped at the MTU). */
    public record BlockPadding(int block) implements Defence {
        public BlockPadding {
            if (block < 2 || block > MTU) {
                throw new IllegalArgumentException("block must lie in [2, " + MTU + "] bytes, found " + block);
            }
        }

        @Override
        public String name() {
            return "block-padding";
        }

        @Override
        public String setting() {
            return block == MTU ? block + " B (MTU)" : block + " B";
        }

        @Override
        public PacketTrace apply(PacketTrace in, long seed) {
            return mapLengths(in, l -> Math.min((l + block - 1) / block * block, Math.max(l, MTU)));
        }
    }

    /** Every packet padded by a uniformly random 0..{@code max} bytes (capped at the MTU). */
    public record RandomPadding(int max) implements Defence {
        public RandomPadding {
            if (max < 1 || max > MTU) {
                throw new IllegalArgumentException("random padding must lie in [1, " + MTU + "] bytes, found " + max);
            }
        }

        @Override
        public String name() {
            return "random-padding";
        }

        @Override
        public String setting() {
            return max == MTU ? "0 B to MTU" : "0-" + max + " B";
        }

        @Override
        public PacketTrace apply(PacketTrace in, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            return mapLengths(in, l -> Math.max(l, Math.min(MTU, l + rnd.nextInt(max + 1))));
        }
    }

    /** Each direction padded to one size: the longest packet the trace has in that direction. */
    public record ConstantSize() implements Defence {
        @Override
        public String name() {
            return "constant-size";
        }

        @Override
        public String setting() {
            return "longest per direction";
        }

        @Override
        public PacketTrace apply(PacketTrace in, long seed) {
            int[] max = longest(in);
            int[] lengths = in.signedLengths();
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = lengths[i] > 0 ? max[0] : -max[1];
            }
            return new PacketTrace(in.timeNanos(), lengths, in.delayNanos());
        }
    }

    /** The longest packet towards ({@code [0]}) and from ({@code [1]}) the device, at least 1. */
    static int[] longest(PacketTrace in) {
        int[] max = {1, 1};
        for (int i = 0; i < in.size(); i++) {
            int l = in.length(i);
            max[l > 0 ? 0 : 1] = Math.max(max[l > 0 ? 0 : 1], Math.abs(l));
        }
        return max;
    }

    /**
     * Constant-rate shaping with cover traffic (BuFLO-like): once traffic starts, one cell a
     * direction every {@code intervalNanos}, each cell the direction's longest packet size (at
     * most the MTU), carrying the queued bytes of at most one original packet or nothing; an
     * on-period lasts at least {@code minOnNanos} and until both queues are empty. Cover on-periods,
     * made of empty cells only, start at random (Poisson, {@code coverPerSecond}) while idle, so an
     * on-period alone does not say that anything happened. A packet larger than a cell spans several
     * cells; its added delay is the time from its original send to the cell carrying its last byte.
     */
    public record Shaping(long intervalNanos, long minOnNanos, double coverPerSecond) implements Defence {
        public Shaping {
            if (intervalNanos < 1_000_000 || minOnNanos < intervalNanos || !(coverPerSecond >= 0)) {
                throw new IllegalArgumentException("shaping needs an interval >= 1 ms, an on-period >= the interval and"
                        + " a cover rate >= 0, found " + intervalNanos + " ns, " + minOnNanos + " ns, " + coverPerSecond);
            }
        }

        @Override
        public String name() {
            return "shaping";
        }

        @Override
        public String setting() {
            return String.format(Locale.ROOT, "%d ms cells, on >= %.0f s, cover", intervalNanos / 1_000_000,
                    minOnNanos / 1e9);
        }

        @Override
        public PacketTrace apply(PacketTrace in, long seed) {
            int[] cell = longest(in);
            cell[0] = Math.min(cell[0], MTU);
            cell[1] = Math.min(cell[1], MTU);
            long[] cover = coverStarts(in, seed);
            PacketTrace.Builder out = new PacketTrace.Builder();
            List<ArrayDeque<long[]>> queues = List.of(new ArrayDeque<>(), new ArrayDeque<>());
            int next = 0;
            int nextCover = 0;
            while (next < in.size() || nextCover < cover.length) {
                long start = next < in.size() && (nextCover == cover.length || in.time(next) <= cover[nextCover])
                        ? in.time(next) : cover[nextCover];
                long slot = start;
                while (true) {
                    while (next < in.size() && in.time(next) <= slot) {
                        int l = in.length(next);
                        queues.get(l > 0 ? 0 : 1).add(new long[] {Math.abs(l), in.time(next)});
                        next++;
                    }
                    while (nextCover < cover.length && cover[nextCover] <= slot) {
                        nextCover++;
                    }
                    if (slot >= start + minOnNanos && queues.get(0).isEmpty() && queues.get(1).isEmpty()) {
                        break;
                    }
                    for (int d = 0; d < 2; d++) {
                        long t = slot + d * (intervalNanos / 2);
                        long delay = -1;
                        long[] head = queues.get(d).peek();
                        if (head != null) {
                            head[0] -= cell[d];
                            if (head[0] <= 0) {
                                delay = t - head[1];
                                queues.get(d).poll();
                            }
                        }
                        out.add(t, d == 0 ? cell[0] : -cell[1], delay);
                    }
                    slot += intervalNanos;
                }
            }
            return out.build();
        }

        private long[] coverStarts(PacketTrace in, long seed) {
            if (in.size() == 0 || coverPerSecond == 0) {
                return new long[0];
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Long> starts = new ArrayList<>();
            long end = in.time(in.size() - 1);
            double t = in.time(0);
            while (true) {
                t += -Math.log(1 - rnd.nextDouble()) / coverPerSecond * 1e9;
                if (t > end) {
                    break;
                }
                starts.add((long) t);
            }
            return starts.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /**
     * A WireGuard tunnel from the router carrying every device of the home: the eavesdropper sees
     * one flow, the home's packets merged, each padded to 16 bytes plus {@value #WIREGUARD_OVERHEAD}
     * bytes of headers. Applied to the whole home's traffic.
     */
    public record Vpn() implements Defence {
        @Override
        public String name() {
            return "vpn";
        }

        @Override
        public String setting() {
            return "WireGuard, whole home";
        }

        @Override
        public PacketTrace apply(PacketTrace in, long seed) {
            return mapLengths(in, l -> (l + 15) / 16 * 16 + WIREGUARD_OVERHEAD);
        }

        @Override
        public boolean homeWide() {
            return true;
        }
    }
}
