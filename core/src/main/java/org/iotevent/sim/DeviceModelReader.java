package org.iotevent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.iotevent.sim.DeviceModel.Announce;
import org.iotevent.sim.DeviceModel.Event;
import org.iotevent.sim.DeviceModel.Framing;
import org.iotevent.sim.DeviceModel.Message;
import org.iotevent.sim.DeviceModel.MqttKind;
import org.iotevent.sim.DeviceModel.Periodic;
import org.iotevent.sim.DeviceModel.Sender;
import org.iotevent.sim.DeviceModel.Timing;

/** Reads device models from JSON: the embedded ones by name, or a user's file. */
public final class DeviceModelReader {
    static final String RESOURCE_DIR = "/org/iotevent/sim/devices/";
    private static final Set<String> DEVICE_KEYS = Set.of("name", "label", "vendor", "cloud", "protocol", "domains",
            "port", "oui", "timing", "framing", "connect", "heartbeat", "background", "events", "comment", "announce");
    private static final Set<String> ANNOUNCE_KEYS = Set.of("dhcpHostName", "dhcpVendorClass", "mdns", "ssdpServer",
            "ssdpType");
    private static final Set<String> TIMING_KEYS = Set.of("rttMs", "rttJitterMs", "wifiMs", "deviceAckDelayMs",
            "cloudAckDelayMs", "lossRate", "wifiRetryRate", "dnsTtlS", "reconnectS");
    private static final Set<String> FRAMING_KEYS = Set.of("tlsRecordOverhead", "headerBytes", "blockBytes",
            "mqttTopicBytes");
    private static final Set<String> MESSAGE_KEYS = Set.of("from", "bytes", "jitter", "delayMs", "mqtt");
    private static final Set<String> PERIODIC_KEYS = Set.of("name", "periodS", "jitterS", "messages");
    private static final Set<String> EVENT_KEYS = Set.of("name", "privacy", "delayMs", "delayJitterMs", "messages");

    /** Largest application payload of a UDP message: one datagram of at most 1472 bytes after framing. */
    static final int UDP_MAX_BYTES = 1_400;

    private DeviceModelReader() {}

    /** Names of the embedded device models, in the order of the default home. */
    public static List<String> embeddedNames() {
        try (InputStream in = DeviceModelReader.class.getResourceAsStream(RESOURCE_DIR + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("device model index missing from the jar");
            }
            List<String> names = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded device index", e);
        }
    }

    /** The embedded JSON text of model {@code name}, or null when there is none. */
    public static byte[] embeddedJson(String name) throws IOException {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            return null;
        }
        try (InputStream in = DeviceModelReader.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /**
     * The embedded model {@code name}.
     *
     * @throws ModelFormatException when there is no such model (the message lists the known ones)
     */
    public static DeviceModel embedded(String name) throws IOException {
        byte[] json = embeddedJson(name);
        if (json == null) {
            throw new ModelFormatException("device model " + name, "", "no such embedded model; known: "
                    + String.join(", ", embeddedNames()));
        }
        return parse(json, "embedded model " + name + ".json");
    }

    /** Reads a model file. */
    public static DeviceModel read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses a model.
     *
     * @param json the file's bytes
     * @param source the file's name for error messages
     * @throws ModelFormatException naming {@code source} and the JSON path of the first fault
     */
    public static DeviceModel parse(byte[] json, String source) throws ModelFormatException {
        JsonFields f = new JsonFields(source, "", JsonFields.readTree(json, source));
        f.onlyKeys(DEVICE_KEYS);
        String name = f.string("name");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new ModelFormatException(source, "name", "expected [a-z0-9][a-z0-9-]*, found \"" + name + "\"");
        }
        String protocolKey = f.string("protocol");
        Protocol protocol = Protocol.byKey(protocolKey);
        if (protocol == null) {
            throw new ModelFormatException(source, "protocol", "expected tls, mqtt-tls, udp-aes or tcp, found \""
                    + protocolKey + "\"");
        }
        List<String> domains = new ArrayList<>();
        List<JsonNode> domainNodes = f.array("domains", true);
        for (int i = 0; i < domainNodes.size(); i++) {
            JsonNode d = domainNodes.get(i);
            if (!d.isTextual() || !d.asText().matches("([A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,63}")) {
                throw new ModelFormatException(source, "domains[" + i + "]", "expected a domain name, found "
                        + JsonFields.kind(d));
            }
            domains.add(d.asText());
        }
        if (domains.isEmpty()) {
            throw new ModelFormatException(source, "domains", "expected at least one domain");
        }
        Timing timing = timing(f.object("timing"));
        Framing framing = framing(f.has("framing") ? f.object("framing") : null, f.source());
        List<Message> connect = messages(f, "connect", false, protocol);
        Periodic heartbeat = periodic(f.object("heartbeat"), "heartbeat", protocol);
        List<Periodic> background = new ArrayList<>();
        List<JsonNode> bg = f.array("background", false);
        for (int i = 0; i < bg.size(); i++) {
            JsonFields p = f.element("background", i, bg.get(i));
            background.add(periodic(p, p.string("name"), protocol));
        }
        List<Event> events = new ArrayList<>();
        List<JsonNode> ev = f.array("events", true);
        for (int i = 0; i < ev.size(); i++) {
            events.add(event(f.element("events", i, ev.get(i)), protocol));
        }
        if (events.stream().map(Event::name).distinct().count() != events.size()) {
            throw new ModelFormatException(source, "events", "event names must be unique");
        }
        try {
            return new DeviceModel(name, f.string("label", name), f.string("vendor", ""), f.string("cloud", ""),
                    protocol, domains, f.integer("port", 1, 65535), oui(f), timing, framing, connect, heartbeat,
                    background, events, f.has("announce") ? announce(f.object("announce")) : null);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private static byte[] oui(JsonFields f) throws ModelFormatException {
        String text = f.string("oui", "02:00:00");
        if (!text.matches("\\p{XDigit}{2}(:\\p{XDigit}{2}){2}")) {
            throw new ModelFormatException(f.source(), "oui", "expected three hex bytes like 50:c7:bf, found \""
                    + text + "\"");
        }
        byte[] oui = new byte[3];
        for (int i = 0; i < 3; i++) {
            oui[i] = (byte) Integer.parseInt(text.substring(3 * i, 3 * i + 2), 16);
        }
        return oui;
    }

    private static Announce announce(JsonFields a) throws ModelFormatException {
        a.onlyKeys(ANNOUNCE_KEYS);
        List<String> services = new ArrayList<>();
        List<JsonNode> nodes = a.array("mdns", false);
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            if (!n.isTextual() || !n.asText().matches("_[a-z0-9-]{1,40}\\._(tcp|udp)")) {
                throw new ModelFormatException(a.source(), a.child("mdns") + "[" + i + "]",
                        "expected a service type like _miio._udp, found " + JsonFields.kind(n));
            }
            services.add(n.asText());
        }
        return new Announce(announceText(a, "dhcpHostName", "[A-Za-z0-9_{}-]{1,40}"),
                announceText(a, "dhcpVendorClass", "[ -~]{1,60}"), services, announceText(a, "ssdpServer", "[ -~]{1,100}"),
                announceText(a, "ssdpType", "[ -~]{1,100}"));
    }

    private static String announceText(JsonFields a, String field, String pattern) throws ModelFormatException {
        String text = a.string(field, null);
        if (text != null && !text.matches(pattern)) {
            throw new ModelFormatException(a.source(), a.child(field), "expected " + pattern + ", found \"" + text
                    + "\"");
        }
        return text;
    }

    private static Timing timing(JsonFields t) throws ModelFormatException {
        t.onlyKeys(TIMING_KEYS);
        double rtt = t.number("rttMs", 0.1, 5000);
        return new Timing(rtt, t.number("rttJitterMs", 0, rtt, rtt / 10), t.number("wifiMs", 0, 1000, 2),
                t.number("deviceAckDelayMs", 0, 500, 10), t.number("cloudAckDelayMs", 0, 500, 40),
                t.number("lossRate", 0, 0.5, 0.002), t.number("wifiRetryRate", 0, 0.5, 0.05),
                t.integer("dnsTtlS", 10, 7 * 86400, 600), t.has("reconnectS") ? t.number("reconnectS", 60, 30 * 86400)
                : 0);
    }

    private static Framing framing(JsonFields fr, String source) throws ModelFormatException {
        if (fr == null) {
            return new Framing(22, 0, 1, 32);
        }
        fr.onlyKeys(FRAMING_KEYS);
        return new Framing(fr.integer("tlsRecordOverhead", 5, 1024, 22), fr.integer("headerBytes", 0, 1024, 0),
                fr.integer("blockBytes", 1, 255, 1), fr.integer("mqttTopicBytes", 1, 1024, 32));
    }

    private static Periodic periodic(JsonFields p, String name, Protocol protocol) throws ModelFormatException {
        p.onlyKeys(PERIODIC_KEYS);
        double period = p.number("periodS", 0.5, 30 * 86400);
        double jitter = p.number("jitterS", 0, period * 0.99, 0);
        return new Periodic(name, period, jitter, messages(p, "messages", true, protocol));
    }

    private static Event event(JsonFields e, Protocol protocol) throws ModelFormatException {
        e.onlyKeys(EVENT_KEYS);
        String name = e.string("name");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw e.error("name: expected [A-Za-z0-9_.-]+, found \"" + name + "\"");
        }
        double delay = e.number("delayMs", 0, 60_000, 150);
        return new Event(name, e.bool("privacy", true), delay, e.number("delayJitterMs", 0, delay, delay / 3),
                messages(e, "messages", true, protocol));
    }

    private static List<Message> messages(JsonFields owner, String field, boolean required, Protocol protocol)
            throws ModelFormatException {
        List<JsonNode> nodes = owner.array(field, required);
        if (required && nodes.isEmpty()) {
            throw new ModelFormatException(owner.source(), owner.child(field), "expected at least one message");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonFields m = owner.element(field, i, nodes.get(i));
            m.onlyKeys(MESSAGE_KEYS);
            String from = m.string("from");
            Sender sender = switch (from) {
                case "device" -> Sender.DEVICE;
                case "cloud" -> Sender.CLOUD;
                default -> throw m.error("from: expected \"device\" or \"cloud\", found \"" + from + "\"");
            };
            String kindText = m.string("mqtt", "publish");
            MqttKind kind;
            try {
                kind = MqttKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw m.error("mqtt: expected one of publish, puback, pingreq, pingresp, connect, connack, "
                        + "subscribe, suback; found \"" + kindText + "\"");
            }
            if (m.has("mqtt") && protocol != Protocol.MQTT_TLS) {
                throw m.error("mqtt: only mqtt-tls devices carry MQTT packets");
            }
            int bytes = m.integer("bytes", 0, protocol.tcp() ? 60_000 : UDP_MAX_BYTES, 0);
            int jitter = m.integer("jitter", 0, bytes, 0);
            out.add(new Message(sender, bytes, jitter, m.number("delayMs", 0, 60_000, 0), kind));
        }
        return out;
    }
}
