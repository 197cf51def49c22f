package org.iotevent.flink;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.iotevent.detect.Detector;
import org.iotevent.signature.Signature;
import org.iotevent.signature.SignatureFile;
import org.iotevent.signature.SignatureFormatException;
import org.iotevent.traffic.BurstRule;

/**
 * The devices watched, one per signature: those given when the job started, replaced or joined by
 * those received on the signature topic (Flink broadcast state: every parallel instance holds them,
 * and they are checkpointed). A signature that fails validation is refused and the previous one
 * stays. Parsed signatures are cached per instance, rebuilt from the state after a restore.
 */
final class Watchlist {
    /** The broadcast state: device name to its signature file's bytes. */
    static final MapStateDescriptor<String, byte[]> STATE = new MapStateDescriptor<>("signatures", Types.STRING,
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /** One watched device. */
    record Watched(String device, Signature signature, Detector detector, BurstRule rule, byte[] json) {
        /** The burst gap {@code a}, nanoseconds. */
        long gapNanos() {
            return rule.gapNanos();
        }
    }

    private final Map<String, byte[]> initial;
    private final Map<String, Watched> watched = new TreeMap<>();
    /** The watched devices in name order, replaced (not changed) when they change: the per-packet loop's. */
    private Watched[] array;
    private boolean loaded;

    Watchlist(Map<String, byte[]> initial) {
        this.initial = initial;
    }

    /** Parses a signature file; the message of a refusal names the device. */
    static Watched parse(String device, byte[] json) throws SignatureFormatException {
        Signature s = SignatureFile.parse(json, "signature " + device);
        return new Watched(device, s, Detector.of(s), BurstRule.of(s.gapNanos()), json);
    }

    /** The watched devices, loaded from the initial signatures and the broadcast state on first use. */
    Map<String, Watched> devices(ReadOnlyBroadcastState<String, byte[]> state) throws Exception {
        if (!loaded) {
            Map<String, byte[]> all = new HashMap<>(initial);
            for (Map.Entry<String, byte[]> e : state.immutableEntries()) {
                all.put(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                watched.put(e.getKey(), parse(e.getKey(), e.getValue())); // validated when it was taken
            }
            array = watched.values().toArray(Watched[]::new);
            loaded = true;
        }
        return watched;
    }

    /** The watched devices in name order; a new array whenever they change (compare by identity). */
    Watched[] array(ReadOnlyBroadcastState<String, byte[]> state) throws Exception {
        devices(state);
        return array;
    }

    /**
     * Takes up a received signature: validated, then in force for {@code device}.
     *
     * @return true when it changed what is watched
     * @throws SignatureFormatException when it fails validation (nothing changes)
     */
    boolean update(SignatureUpdate u, BroadcastState<String, byte[]> state) throws Exception {
        Watched w = parse(u.device, u.json);
        devices(state);
        Watched old = watched.get(u.device);
        if (old != null && Arrays.equals(old.json(), u.json)) {
            return false;
        }
        state.put(u.device, u.json);
        watched.put(u.device, w);
        array = watched.values().toArray(Watched[]::new);
        return true;
    }
}
