package org.iotevent.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several captures read as one in time order, as {@code mergecap} merges them: the earliest
 * next record of all inputs first, the first input first on equal times; frames numbered anew
 * from 1. A record that another input also holds (same time, lengths and bytes: the same packet
 * captured twice, or overlapping files) is delivered once, and the first such duplicate is
 * reported. Each input keeps its own buffer, so a delivered record stays valid until the next
 * call, and nothing is allocated per record.
 */
public final class MergedSource implements PacketSource {
    private final PacketSource[] inputs;
    private final CaptureRecord[] heads;
    private final boolean[] present;
    private final long[] duplicates;
    private final Consumer<String> warnings;
    private int taken = -1;
    private long frame;
    private boolean started;

    /**
     * @param inputs the captures, opened; closed with this source
     * @param warnings receives one line when the first duplicated packet is met
     */
    public MergedSource(List<PacketSource> inputs, Consumer<String> warnings) {
        this.inputs = inputs.toArray(PacketSource[]::new);
        this.heads = new CaptureRecord[this.inputs.length];
        this.present = new boolean[this.inputs.length];
        this.duplicates = new long[this.inputs.length];
        this.warnings = warnings;
        for (int i = 0; i < heads.length; i++) {
            heads[i] = new CaptureRecord();
        }
    }

    @Override
    public boolean next(CaptureRecord into) throws IOException {
        if (!started) {
            for (int i = 0; i < inputs.length; i++) {
                present[i] = inputs[i].next(heads[i]);
            }
            started = true;
            sayMixedLinkTypes();
        } else if (taken >= 0) {
            present[taken] = inputs[taken].next(heads[taken]);
        }
        int best = -1;
        for (int i = 0; i < inputs.length; i++) {
            if (present[i] && (best < 0 || time(heads[i]) < time(heads[best]))) {
                best = i;
            }
        }
        taken = best;
        if (best < 0) {
            return false;
        }
        dropCopiesOf(best);
        copy(heads[best], into);
        into.frameNumber = ++frame;
        return true;
    }

    /**
     * Says when the inputs begin with different link types: captures from two vantage points
     * (a LAN and a WiFi capture of one session) would count each event twice.
     */
    private void sayMixedLinkTypes() {
        int first = -1;
        for (int i = 0; i < inputs.length; i++) {
            if (!present[i]) {
                continue;
            }
            if (first < 0) {
                first = i;
            } else if (heads[i].linkType != heads[first].linkType) {
                warnings.accept(inputs[first].name() + " is " + LinkType.name(heads[first].linkType) + " and "
                        + inputs[i].name() + " is " + LinkType.name(heads[i].linkType) + ": if they are two vantage "
                        + "points of one session (a LAN and a WiFi capture), each event is counted twice");
                return;
            }
        }
    }

    /** Advances every other input past records equal to {@code heads[best]}. */
    private void dropCopiesOf(int best) throws IOException {
        CaptureRecord r = heads[best];
        for (int i = 0; i < inputs.length; i++) {
            if (i != best && present[i] && sameRecord(r, heads[i])) {
                if (duplicates[i]++ == 0) {
                    warnings.accept(inputs[i].name() + " holds packets that " + inputs[best].name()
                            + " holds too (the first: its frame " + heads[i].frameNumber
                            + "): each such packet is read once");
                }
                present[i] = inputs[i].next(heads[i]);
            }
        }
    }

    /** Number of records dropped from input {@code index} as copies of another input's. */
    public long duplicates(int index) {
        return duplicates[index];
    }

    private static long time(CaptureRecord r) {
        return r.hasTimestamp ? r.timestampNanos : Long.MIN_VALUE;
    }

    static boolean sameRecord(CaptureRecord a, CaptureRecord b) {
        if (a.hasTimestamp != b.hasTimestamp || a.timestampNanos != b.timestampNanos || a.wireLength != b.wireLength
                || a.capturedLength != b.capturedLength || a.linkType != b.linkType) {
            return false;
        }
        ByteBuffer x = a.data;
        ByteBuffer y = b.data;
        for (int i = 0; i < a.capturedLength; i++) {
            if (x.get(a.dataOffset + i) != y.get(b.dataOffset + i)) {
                return false;
            }
        }
        return true;
    }

    private static void copy(CaptureRecord from, CaptureRecord to) {
        to.timestampNanos = from.timestampNanos;
        to.timestampSeconds = from.timestampSeconds;
        to.timestampFractionNanos = from.timestampFractionNanos;
        to.hasTimestamp = from.hasTimestamp;
        to.wireLength = from.wireLength;
        to.capturedLength = from.capturedLength;
        to.linkType = from.linkType;
        to.fcsLength = from.fcsLength;
        to.interfaceId = from.interfaceId;
        to.sectionNumber = from.sectionNumber;
        to.fileOffset = from.fileOffset;
        to.data = from.data;
        to.dataOffset = from.dataOffset;
    }

    @Override
    public String name() {
        StringBuilder s = new StringBuilder();
        for (PacketSource in : inputs) {
            s.append(s.length() == 0 ? "" : " + ").append(in.name());
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        PacketSource.closeAll(java.util.Arrays.asList(inputs), null);
    }
}
