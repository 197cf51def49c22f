package org.iotevent.evaluate.leakage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.iotevent.signature.AlignmentClassifier;
import org.iotevent.signature.AlignmentDistance;
import org.iotevent.signature.BurstContent;
import org.iotevent.signature.LabeledSample;

/**
 * Labelled bursts as the estimators see them: each sample's label, its trigger group and its burst,
 * identical bursts stored once, the distance between every two distinct bursts and, per burst, all
 * bursts in order of distance (itself first).
 *
 * <p>The distance is the one the {@code align} classifier ranks by: the alignment distance with
 * unmatched packets costing at most {@link AlignmentClassifier#DEFAULT_GAP_CAP} bytes, divided by
 * the most it can be for the two bursts; 0 only for identical bursts. Building costs one alignment
 * per pair of distinct bursts, O(n m) each, and U x U floats and ints of memory for U distinct
 * bursts.
 */
final class BurstSpace {
    /** Label names, sorted; samples refer to them by index. */
    final String[] labels;
    /** Per sample: its label index, its group (trigger) index, its distinct burst index. */
    final int[] label;
    final int[] group;
    final int[] burst;
    /** Per group: its samples, and the group of the space this one was restricted from (itself if none). */
    final int[][] members;
    final int[] parentGroup;
    /** Per group: its label (that of its first sample). */
    final int[] groupLabel;
    /** {@code dist[u][v]} between distinct bursts u and v. */
    final float[][] dist;
    /** Per distinct burst u, every distinct burst by ascending distance from u, u first. */
    final int[][] order;

    private BurstSpace(String[] labels, int[] label, int[] group, int[] burst, int[][] members, int[] parentGroup,
            float[][] dist, int[][] order) {
        this.labels = labels;
        this.label = label;
        this.group = group;
        this.burst = burst;
        this.members = members;
        this.parentGroup = parentGroup;
        this.dist = dist;
        this.order = order;
        this.groupLabel = new int[members.length];
        for (int g = 0; g < members.length; g++) {
            groupLabel[g] = label[members[g][0]];
        }
    }

    int samples() {
        return label.length;
    }

    int groups() {
        return members.length;
    }

    int bursts() {
        return dist.length;
    }

    /** The space of {@code samples}: distances between all their distinct bursts. */
    static BurstSpace of(List<LabeledSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        String[] labels = samples.stream().map(LabeledSample::label).distinct().sorted().toArray(String[]::new);
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelIndex.put(labels[i], i);
        }
        int n = samples.size();
        int[] label = new int[n];
        int[] group = new int[n];
        int[] burst = new int[n];
        Map<Long, Integer> groupOf = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        Map<BurstContent, Integer> burstOf = new HashMap<>();
        List<int[]> bursts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LabeledSample s = samples.get(i);
            label[i] = labelIndex.get(s.label());
            Integer g = s.trigger() == LabeledSample.OWN_GROUP ? null : groupOf.get(s.trigger());
            if (g == null) {
                g = members.size();
                members.add(new ArrayList<>());
                if (s.trigger() != LabeledSample.OWN_GROUP) {
                    groupOf.put(s.trigger(), g);
                }
            }
            group[i] = g;
            members.get(g).add(i);
            int[] v = s.signedLengths();
            burst[i] = burstOf.computeIfAbsent(new BurstContent(v), b -> {
                bursts.add(v);
                return bursts.size() - 1;
            });
        }
        int u = bursts.size();
        long[] capBytes = new long[u];
        for (int i = 0; i < u; i++) {
            capBytes[i] = capBytes(bursts.get(i));
        }
        float[][] dist = new float[u][u];
        AlignmentDistance alignment = new AlignmentDistance(AlignmentClassifier.DEFAULT_GAP_CAP);
        for (int i = 0; i < u; i++) {
            for (int j = i + 1; j < u; j++) {
                int d = alignment.distance(bursts.get(i), bursts.get(j), Integer.MAX_VALUE);
                dist[i][j] = dist[j][i] = (float) ((double) d / (capBytes[i] + capBytes[j]));
            }
        }
        int[] groups = new int[members.size()];
        Arrays.setAll(groups, g -> g);
        return new BurstSpace(labels, label, group, burst, toArrays(members), groups, dist, orders(dist));
    }

    /**
     * The samples whose label is in {@code keep}, with the distances among their bursts; groups
     * remember their group here ({@link #parentGroup}).
     */
    BurstSpace restrict(Set<String> keep) {
        TreeSet<String> kept = new TreeSet<>();
        for (String l : labels) {
            if (keep.contains(l)) {
                kept.add(l);
            }
        }
        String[] newLabels = kept.toArray(String[]::new);
        int[] labelMap = new int[labels.length];
        for (int l = 0; l < labels.length; l++) {
            labelMap[l] = Arrays.binarySearch(newLabels, labels[l]);
        }
        int[] burstMap = new int[bursts()];
        Arrays.fill(burstMap, -1);
        int[] groupMap = new int[groups()];
        Arrays.fill(groupMap, -1);
        List<Integer> keptBursts = new ArrayList<>();
        List<List<Integer>> newMembers = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        List<Integer> newLabel = new ArrayList<>();
        List<Integer> newGroup = new ArrayList<>();
        List<Integer> newBurst = new ArrayList<>();
        for (int i = 0; i < samples(); i++) {
            if (labelMap[label[i]] < 0) {
                continue;
            }
            int g = group[i];
            if (groupMap[g] < 0) {
                groupMap[g] = newMembers.size();
                newMembers.add(new ArrayList<>());
                parents.add(parentGroup[g]);
            }
            int b = burst[i];
            if (burstMap[b] < 0) {
                burstMap[b] = keptBursts.size();
                keptBursts.add(b);
            }
            newMembers.get(groupMap[g]).add(newLabel.size());
            newLabel.add(labelMap[label[i]]);
            newGroup.add(groupMap[g]);
            newBurst.add(burstMap[b]);
        }
        if (newLabel.isEmpty()) {
            throw new IllegalArgumentException("no sample carries a label of " + keep);
        }
        int u = keptBursts.size();
        float[][] d = new float[u][u];
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < u; j++) {
                d[i][j] = dist[keptBursts.get(i)][keptBursts.get(j)];
            }
        }
        int[][] o = new int[u][];
        for (int i = 0; i < u; i++) {
            int[] row = new int[u];
            int n = 0;
            for (int v : order[keptBursts.get(i)]) {
                if (burstMap[v] >= 0) {
                    row[n++] = burstMap[v];
                }
            }
            o[i] = row;
        }
        return new BurstSpace(newLabels, ints(newLabel), ints(newGroup), ints(newBurst), toArrays(newMembers), ints(parents),
                d, o);
    }

    /** Per burst, all bursts by ascending distance; a burst is at distance 0 from itself only. */
    private static int[][] orders(float[][] dist) {
        int u = dist.length;
        int[][] order = new int[u][];
        long[] keys = new long[u];
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < u; j++) {
                // non-negative floats order as their bits do
                keys[j] = ((long) Float.floatToIntBits(dist[i][j]) << 32) | j;
            }
            Arrays.sort(keys);
            int[] row = new int[u];
            for (int j = 0; j < u; j++) {
                row[j] = (int) keys[j];
            }
            order[i] = row;
        }
        return order;
    }

    /** The most the alignment distance can be against an empty burst: every packet unmatched. */
    private static long capBytes(int[] v) {
        long s = 0;
        for (int x : v) {
            s += Math.min(Math.abs(x), AlignmentClassifier.DEFAULT_GAP_CAP);
        }
        return s;
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        return lists.stream().map(BurstSpace::ints).toArray(int[][]::new);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
