package org.iotevent.sim;

import java.util.List;
import java.util.Objects;

/**
 * A smart-home device as the simulator sees it: how it reaches its cloud, its periodic own
 * traffic and its app events, each as an exchange of messages. Loaded from JSON by
 * {@link DeviceModelReader}; see docs/sim.md for the file format.
 *
 * @param name short identifier, {@code [a-z0-9-]+}, used in event names ({@code name/event})
 * @param label human name (e.g. "Mi plug mini")
 * @param vendor the maker
 * @param cloud the cloud platform the device talks to
 * @param protocol the framing towards the cloud
 * @param domains cloud domain names; the device connects to the first, looks all up in DNS
 * @param port the cloud's TCP or UDP port
 * @param oui the first three bytes of the device's MAC address
 * @param timing round-trip times, delays and loss rates
 * @param framing sizes the protocol adds around a message payload
 * @param connect messages exchanged right after the transport is set up (login), may be empty
 * @param heartbeat the keep-alive exchange and its period
 * @param background other periodic own traffic (status reports, log uploads)
 * @param events the app events, each a request/response exchange
 * @param announce what the device says of itself on the LAN (DHCP, mDNS, SSDP), or null for nothing
 */
public record DeviceModel(
        String name,
        String label,
        String vendor,
        String cloud,
        Protocol protocol,
        List<String> domains,
        int port,
        byte[] oui,
        Timing timing,
        Framing framing,
        List<Message> connect,
        Periodic heartbeat,
        List<Periodic> background,
        List<Event> events,
        Announce announce) {

    public DeviceModel {
        Objects.requireNonNull(protocol, "protocol");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("device name must match [a-z0-9][a-z0-9-]*, found " + name);
        }
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("device " + name + " has no cloud domain");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of 1..65535: " + port);
        }
        if (oui.length != 3) {
            throw new IllegalArgumentException("oui must have 3 bytes, found " + oui.length);
        }
        domains = List.copyOf(domains);
        oui = oui.clone();
        connect = List.copyOf(connect);
        background = List.copyOf(background);
        events = List.copyOf(events);
    }

    @Override
    public byte[] oui() {
        return oui.clone();
    }

    /** The event called {@code eventName}, or null. */
    public Event event(String eventName) {
        return events.stream().filter(e -> e.name().equals(eventName)).findFirst().orElse(null);
    }

    /**
     * What the device says of itself on the LAN when it joins: a DHCP exchange (DISCOVER, OFFER,
     * REQUEST, ACK), an mDNS announcement of its services, an SSDP NOTIFY. Only the LAN and WiFi
     * sniffers see them. In the host name, {@code {id}} stands for a device id (8 decimal digits)
     * and {@code {mac}} for the last three bytes of its MAC address (6 upper-case hex digits).
     *
     * @param dhcpHostName DHCP option 12, or null for no DHCP exchange
     * @param dhcpVendorClass DHCP option 60, or null
     * @param mdnsServices service types it announces over mDNS (e.g. {@code _miio._udp}), each as
     *     {@code HOSTNAME.TYPE.local} on host {@code HOSTNAME.local}
     * @param ssdpServer the SERVER header of its SSDP NOTIFY, or null for none
     * @param ssdpType its NT header
     */
    public record Announce(String dhcpHostName, String dhcpVendorClass, List<String> mdnsServices, String ssdpServer,
            String ssdpType) {
        public Announce {
            mdnsServices = List.copyOf(mdnsServices);
        }

        /** The host name of the device with {@code id} and {@code mac}, or null. */
        public String hostName(int id, long mac) {
            return dhcpHostName == null ? null : dhcpHostName.replace("{id}", Integer.toString(id))
                    .replace("{mac}", String.format("%06X", mac & 0xffffffL));
        }
    }

    /** Who sends a message. */
    public enum Sender {
        /** Device to cloud (the paper's direction -1). */
        DEVICE,
        /** Cloud to device (+1). */
        CLOUD
    }

    /** MQTT control packet carried by a message of an {@code mqtt-tls} device. */
    public enum MqttKind {
        PUBLISH, PUBACK, PINGREQ, PINGRESP, CONNECT, CONNACK, SUBSCRIBE, SUBACK
    }

    /**
     * One application message.
     *
     * @param sender who sends it
     * @param bytes application payload in bytes before the protocol's framing, {@code >= 0}
     * @param jitter the payload varies uniformly by up to this many bytes either way, {@code >= 0}
     * @param delayMs processing time in milliseconds at the sender before it sends, after it
     *     received the previous message (after the exchange began, for the first message)
     * @param mqtt the MQTT packet type for {@code mqtt-tls} devices (PUBLISH by default)
     */
    public record Message(Sender sender, int bytes, int jitter, double delayMs, MqttKind mqtt) {
        public Message {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(mqtt, "mqtt");
            if (bytes < 0 || jitter < 0 || jitter > bytes || delayMs < 0) {
                throw new IllegalArgumentException("message needs bytes >= jitter >= 0 and delayMs >= 0, found bytes "
                        + bytes + ", jitter " + jitter + ", delayMs " + delayMs);
            }
        }
    }

    /**
     * Own traffic repeated at a period.
     *
     * @param name e.g. {@code heartbeat}, {@code status}, {@code log-upload}
     * @param periodS mean period in seconds, {@code > 0}
     * @param jitterS each period varies uniformly by up to this many seconds, {@code < periodS}
     * @param messages the exchange
     */
    public record Periodic(String name, double periodS, double jitterS, List<Message> messages) {
        public Periodic {
            if (!(periodS > 0) || jitterS < 0 || jitterS >= periodS || messages.isEmpty()) {
                throw new IllegalArgumentException(name + ": needs periodS > jitterS >= 0 and at least one message");
            }
            messages = List.copyOf(messages);
        }
    }

    /**
     * An app event.
     *
     * @param name event name, {@code [A-Za-z0-9_.-]+}
     * @param privacy whether the event is privacy-sensitive (detection alerts on it)
     * @param delayMs mean delay in milliseconds from the app's trigger to the exchange's start
     * @param delayJitterMs that delay varies uniformly by up to this many milliseconds either way
     * @param messages the exchange
     */
    public record Event(String name, boolean privacy, double delayMs, double delayJitterMs, List<Message> messages) {
        public Event {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("event name must match [A-Za-z0-9_.-]+, found " + name);
            }
            if (delayMs < 0 || delayJitterMs < 0 || delayJitterMs > delayMs || messages.isEmpty()) {
                throw new IllegalArgumentException(name + ": needs delayMs >= delayJitterMs >= 0 and at least one message");
            }
            messages = List.copyOf(messages);
        }
    }

    /**
     * Network timing of the device and its cloud.
     *
     * @param rttMs mean round-trip time router-cloud-router in milliseconds
     * @param rttJitterMs each one-way delay varies by up to half of this
     * @param wifiMs one-way delay device-router in milliseconds (air time, queuing)
     * @param deviceAckDelayMs delayed-ACK time of the device's TCP stack
     * @param cloudAckDelayMs delayed-ACK time of the cloud's TCP stack
     * @param lossRate probability that a data segment or datagram is lost beyond the router
     *     and retransmitted, in [0, 0.5]
     * @param wifiRetryRate probability that an 802.11 data frame is retried, in [0, 0.5]
     * @param dnsTtlS TTL of the cloud's DNS answers in seconds; the device looks its cloud up again after it
     * @param reconnectS the device closes its cloud connection after about this many seconds (± 10 %)
     *     and connects again from a new port (a NAT's idle timeout, a firmware's habit); 0 for never
     */
    public record Timing(double rttMs, double rttJitterMs, double wifiMs, double deviceAckDelayMs,
            double cloudAckDelayMs, double lossRate, double wifiRetryRate, int dnsTtlS, double reconnectS) {
        public Timing {
            if (!(rttMs > 0) || rttJitterMs < 0 || rttJitterMs > rttMs || wifiMs < 0 || deviceAckDelayMs < 0
                    || cloudAckDelayMs < 0 || lossRate < 0 || lossRate > 0.5 || wifiRetryRate < 0
                    || wifiRetryRate > 0.5 || dnsTtlS < 10 || !(reconnectS == 0 || reconnectS >= 60)) {
                throw new IllegalArgumentException("timing out of range: " + this);
            }
        }
    }

    /**
     * Bytes the protocol adds to a message payload.
     *
     * @param tlsRecordOverhead bytes a TLS record adds (TLS 1.3 AES-GCM: 5 header + 1 type + 16 tag = 22)
     * @param headerBytes clear header before the body ({@code udp-aes}: the 32-byte miIO header)
     * @param blockBytes the body is padded (PKCS#7) to a multiple of this; 1 for none
     * @param mqttTopicBytes length of the MQTT topic name of PUBLISH packets
     */
    public record Framing(int tlsRecordOverhead, int headerBytes, int blockBytes, int mqttTopicBytes) {
        public Framing {
            if (tlsRecordOverhead < 5 || headerBytes < 0 || blockBytes < 1 || blockBytes > 255 || mqttTopicBytes < 1) {
                throw new IllegalArgumentException("framing out of range: " + this);
            }
        }
    }
}
