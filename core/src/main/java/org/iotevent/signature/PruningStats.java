package org.iotevent.signature;

/**
 * What {@link AlignmentClassifier}'s pruning needs of a burst: per-direction byte totals and
 * packet counts, the smallest and largest packet, and the distance to an empty burst. From two
 * of them, a lower bound of the alignment distance that skips most candidates without aligning.
 */
final class PruningStats {
    final long towards;
    final long from;
    final int countTowards;
    final int countFrom;
    final int minAbs;
    final int maxAbs;
    /** The distance to an empty burst: every packet unmatched. */
    final long capBytes;

    PruningStats(int[] v, int gapCap) {
        long t = 0;
        long f = 0;
        int ct = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long capped = 0;
        for (int x : v) {
            int a = Math.abs(x);
            if (x > 0) {
                t += a;
                ct++;
            } else {
                f += a;
            }
            min = Math.min(min, a);
            max = Math.max(max, a);
            capped += Math.min(a, gapCap);
        }
        towards = t;
        from = f;
        countTowards = ct;
        countFrom = v.length - ct;
        minAbs = min;
        maxAbs = max;
        capBytes = capped;
    }

    /**
     * A lower bound of the distance in bytes. Every edit touches one direction. Per
     * direction, at least the difference of the packet counts stays unmatched, each
     * costing at least min(cap, smallest packet); and the byte totals must be made equal,
     * an edit of a packet of length l changing them by l at a cost of at least
     * l * min(1, cap / largest packet).
     */
    double lowerBound(PruningStats o, int gapCap) {
        long counts = Math.abs(countTowards - o.countTowards) + Math.abs(countFrom - o.countFrom);
        double perGap = Math.min(gapCap, Math.min(minAbs, o.minAbs));
        double bytes = AlignmentDistance.lowerBound(towards, from, o.towards, o.from)
                * Math.min(1.0, (double) gapCap / Math.max(1, Math.max(maxAbs, o.maxAbs)));
        return Math.max(counts * perGap, bytes);
    }
}
