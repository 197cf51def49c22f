package org.iotevent.sim;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Collects, for every triggered event, the frames that carry its packets at each vantage point,
 * and writes it all as JSON ({@code iotevent-sim-truth}, version 1).
 */
final class GroundTruth implements WifiWriter.FrameListener {
    /** Growable list of frame numbers (1-based, below 2^31). */
    static final class Frames {
        private static final int[] NONE = {};
        private int[] values = NONE;
        private int size;

        void add(long v) {
            if (v > Integer.MAX_VALUE) {
                throw new IllegalStateException("frame number beyond 2^31: " + v);
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(8, size * 2));
            }
            values[size++] = (int) v;
        }

        int size() {
            return size;
        }

        void write(JsonGenerator g, String name) throws IOException {
            g.writeFieldName(name);
            g.writeArray(values, 0, size);
        }
    }

    /** What is known of one event. */
    static final class Entry {
        final EventRecord record;
        long firstPacketNanos = Long.MAX_VALUE;
        long lastPacketNanos = Long.MIN_VALUE;
        /** The event's packets by {@link Packet#number}: their frame numbers on LAN and WAN. */
        final Frames packets = new Frames();
        /** The unrelated packets inside the event, by {@link Packet#number}. */
        final Frames unrelated = new Frames();
        /** The same by {@link Packet#wanNumber}: their frame numbers on the WAN side. */
        final Frames wanPackets = new Frames();
        final Frames wanUnrelated = new Frames();
        final Frames wifiFrames = new Frames();
        final Frames wifiUnrelated = new Frames();
        final Frames wifiRetries = new Frames();

        Entry(EventRecord record) {
            this.record = record;
        }
    }

    private final List<EventRecord> log;
    private final List<Entry> entries = new ArrayList<>();

    GroundTruth(List<EventRecord> log) {
        this.log = log;
    }

    private Entry entry(int id) {
        while (entries.size() <= id) {
            entries.add(new Entry(log.get(entries.size())));
        }
        return entries.get(id);
    }

    /** Records a packet of an event (its LAN and WAN frame numbers) and ties it to its entry. */
    void packet(Packet p) {
        Entry e = entry(p.event);
        p.truth = e;
        if (p.unrelated) {
            e.unrelated.add(p.number);
            e.wanUnrelated.add(p.wanNumber);
            return;
        }
        e.packets.add(p.number);
        e.wanPackets.add(p.wanNumber);
        e.firstPacketNanos = Math.min(e.firstPacketNanos, p.timeNanos);
        e.lastPacketNanos = Math.max(e.lastPacketNanos, p.timeNanos);
    }

    @Override
    public void wifiFrame(Packet packet, long frameNumber, boolean retry) {
        Entry e = packet.truth;
        if (retry) {
            e.wifiRetries.add(frameNumber);
        } else if (packet.unrelated) {
            e.wifiUnrelated.add(frameNumber);
        } else {
            e.wifiFrames.add(frameNumber);
        }
    }

    /** The events in trigger order. */
    List<Entry> entries() {
        for (int i = entries.size(); i < log.size(); i++) {
            entry(i);
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((Entry e) -> e.record.triggerNanos()).thenComparingInt(e -> e.record.id()));
        return sorted;
    }

    /** Writes the ground truth: the home's devices and addresses, then every event with its frames. */
    void write(OutputStream out, Home home, SimulationOptions options, List<DeviceAgent> agents) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", "iotevent-sim-truth");
            g.writeNumberField("version", 1);
            g.writeStringField("home", home.name());
            g.writeNumberField("seed", options.seed());
            g.writeNumberField("start_ns", options.startNanos());
            g.writeNumberField("duration_ns", options.durationNanos());
            g.writeNumberField("noise_fraction", options.noiseFraction());
            g.writeBooleanField("background_only", options.backgroundOnly());
            g.writeStringField("router_wan_address", HomeReader.dotted(home.wanAddress()));
            g.writeStringField("router_lan_address", HomeReader.dotted(Home.ROUTER_LAN_ADDRESS));
            g.writeStringField("router_mac", mac(VantageWriter.ROUTER_LAN_MAC));
            g.writeStringField("dns_server", HomeReader.dotted(home.dnsServer()));
            g.writeObjectFieldStart("captures");
            for (Vantage v : Vantage.values()) {
                if (options.vantages().contains(v)) {
                    g.writeStringField(v.key(), v.fileName());
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("devices");
            for (DeviceAgent a : agents) {
                DeviceModel m = a.model;
                g.writeStartObject();
                g.writeStringField("name", a.device.name());
                g.writeStringField("model", m.name());
                g.writeStringField("label", m.label());
                g.writeStringField("vendor", m.vendor());
                g.writeStringField("cloud", m.cloud());
                g.writeStringField("protocol", m.protocol().label());
                g.writeStringField("transport", m.protocol().tcp() ? "tcp" : "udp");
                g.writeNumberField("cloud_port", m.port());
                g.writeStringField("mac", mac(a.mac));
                g.writeStringField("address", HomeReader.dotted(a.address));
                g.writeObjectFieldStart("domains");
                for (int i = 0; i < m.domains().size(); i++) {
                    g.writeStringField(m.domains().get(i), HomeReader.dotted(a.domainAddresses[i]));
                }
                g.writeEndObject();
                g.writeArrayFieldStart("privacy_events");
                for (DeviceModel.Event e : m.events()) {
                    if (e.privacy()) {
                        g.writeString(e.name());
                    }
                }
                g.writeEndArray();
                g.writeArrayFieldStart("events");
                for (DeviceModel.Event e : m.events()) {
                    g.writeString(e.name());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            // one event a line: compact, so that a million events stay quick to write and to grep
            com.fasterxml.jackson.core.PrettyPrinter pretty = g.getPrettyPrinter();
            g.setPrettyPrinter(null);
            for (Entry e : entries()) {
                EventRecord r = e.record;
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeNumberField("id", r.id());
                g.writeStringField("device", r.deviceName());
                g.writeStringField("event", r.event());
                g.writeBooleanField("privacy", r.privacy());
                g.writeNumberField("trigger_ns", r.triggerNanos());
                g.writeNumberField("first_packet_ns", e.packets.size() == 0 ? -1 : e.firstPacketNanos);
                g.writeNumberField("last_packet_ns", e.packets.size() == 0 ? -1 : e.lastPacketNanos);
                g.writeNumberField("packets", e.packets.size());
                g.writeNumberField("unrelated_packets", e.unrelated.size());
                for (Vantage v : Vantage.values()) {
                    if (!options.vantages().contains(v) || (v.wifi() && v != Vantage.WIFI)) {
                        continue; // the aggregating sniffers' frames are not followed
                    }
                    g.writeObjectFieldStart(v.key());
                    boolean wifi = v == Vantage.WIFI;
                    boolean lan = v == Vantage.LAN;
                    (wifi ? e.wifiFrames : lan ? e.packets : e.wanPackets).write(g, "frames");
                    (wifi ? e.wifiUnrelated : lan ? e.unrelated : e.wanUnrelated).write(g, "unrelated_frames");
                    if (wifi) {
                        e.wifiRetries.write(g, "retry_frames");
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeRaw('\n');
            g.setPrettyPrinter(pretty);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** {@code aa:bb:cc:dd:ee:ff}. */
    static String mac(long mac) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            s.append(String.format("%02x", mac >>> (8 * i) & 0xff));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
