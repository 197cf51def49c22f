package org.iotevent.sim;

import java.util.Locale;

/** How a device talks to its cloud; decides the framing that turns payload sizes into packet lengths. */
public enum Protocol {
    /** TLS 1.3 over TCP: each message is one record of 5 header + payload + 1 type + 16 tag bytes. */
    TLS("tls", "TLS", true),
    /** MQTT 3.1.1 over TLS: MQTT framing inside TLS records. */
    MQTT_TLS("mqtt-tls", "MQTT over TLS", true),
    /** UDP with an AES-128-CBC body after a clear header (Xiaomi miIO): lengths in 16-byte steps. */
    UDP_AES("udp-aes", "UDP (AES-128-CBC)", false),
    /** A vendor protocol straight over TCP, optionally with a header and block padding. */
    TCP("tcp", "TCP", true);

    private final String key;
    private final String label;
    private final boolean tcp;

    Protocol(String key, String label, boolean tcp) {
        this.key = key;
        this.label = label;
        this.tcp = tcp;
    }

    /** The name used in device model files ({@code tls}, {@code mqtt-tls}, {@code udp-aes}, {@code tcp}). */
    public String key() {
        return key;
    }

    /** A label for tables, e.g. {@code MQTT over TLS}. */
    public String label() {
        return label;
    }

    /** True when the transport is TCP (false: UDP). */
    public boolean tcp() {
        return tcp;
    }

    /** True when messages travel in TLS records. */
    public boolean tls() {
        return this == TLS || this == MQTT_TLS;
    }

    /** The protocol named {@code key} in a model file, or null. */
    public static Protocol byKey(String key) {
        for (Protocol p : values()) {
            if (p.key.equals(key.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
