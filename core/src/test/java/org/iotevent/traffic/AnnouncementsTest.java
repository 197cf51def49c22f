package org.iotevent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSDP announcements and mDNS records, as devices send them (hand-built messages). */
class AnnouncementsTest {
    @Test
    void ssdpNotifyGivesServerTypeAndUsnAndASearchGivesNothing() {
        String notify = "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
                + "LOCATION: http://192.168.1.23:49153/setup.xml\r\nNT: urn:Belkin:device:controllee:1\r\nNTS: ssdp:alive\r\n"
                + "SERVER: Unspecified, UPnP/1.0, Unspecified\r\nUSN: uuid:Socket-1_0-221517K0101769::urn:Belkin:device:controllee:1\r\n\r\n";
        SsdpMessage m = SsdpMessage.parse(ByteBuffer.wrap(notify.getBytes(StandardCharsets.US_ASCII)), 0, notify.length());
        assertThat(m).isEqualTo(new SsdpMessage("Unspecified, UPnP/1.0, Unspecified", "urn:Belkin:device:controllee:1",
                "uuid:Socket-1_0-221517K0101769::urn:Belkin:device:controllee:1"));
        String search = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\n\r\n";
        assertThat(SsdpMessage.parse(ByteBuffer.wrap(search.getBytes(StandardCharsets.US_ASCII)), 0, search.length())).isNull();
    }

    /** Found by EvidenceParsersFuzzTest: a payload of line breaks alone threw. */
    @Test
    void ssdpPayloadOfLineBreaksOnlyIsNoAnnouncement() {
        byte[] b = "\r\n\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SsdpMessage.parse(ByteBuffer.wrap(b), 0, b.length)).isNull();
    }

    @Test
    void anMdnsAnnouncementShowsItsServiceInstanceAndHostNames() {
        byte[] msg = mdnsAnnouncement();
        List<String> seen = new ArrayList<>();
        DnsAnswerParser.walk(ByteBuffer.wrap(msg), 0, msg.length, new DnsAnswerParser.Visitor() {
            @Override
            public void question(String name) {}

            @Override
            public void record(DnsAnswerParser.Reader m, int section, String owner, int type, int rdata, int rdLength) {
                seen.add(section + " " + type + " " + owner + (type == DnsAnswerParser.TYPE_PTR ? " -> " + m.name(rdata) : ""));
            }
        });
        assertThat(seen).containsExactly("1 12 _hap._tcp.local -> plug-1f09._hap._tcp.local",
                "3 1 plug-1f09.local");
    }

    /** An mDNS response (RFC 6762): one PTR answer, one A record in the additional section, cache-flush bit set. */
    private static byte[] mdnsAnnouncement() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, (byte) 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 1});
        byte[] service = name("_hap", "_tcp", "local");
        b.writeBytes(service);
        b.writeBytes(new byte[] {0, 12, 0, 1, 0, 0, 0x11, (byte) 0x94});
        byte[] instance = name("plug-1f09", "_hap", "_tcp", "local");
        b.writeBytes(new byte[] {0, (byte) instance.length});
        b.writeBytes(instance);
        b.writeBytes(name("plug-1f09", "local"));
        b.writeBytes(new byte[] {0, 1, (byte) 0x80, 1, 0, 0, 0, 120, 0, 4, (byte) 192, (byte) 168, 1, 23});
        return b.toByteArray();
    }

    private static byte[] name(String... labels) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String l : labels) {
            b.write(l.length());
            b.writeBytes(l.getBytes(StandardCharsets.US_ASCII));
        }
        b.write(0);
        return b.toByteArray();
    }
}
