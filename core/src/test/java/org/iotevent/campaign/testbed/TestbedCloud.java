package org.iotevent.campaign.testbed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The device's cloud, a process of its own on 127.0.0.1: a TLS server, a miIO UDP server and an
 * MQTT client of the broker. Every request names the size of its response, so each device event
 * is a distinct exchange.
 *
 * <p>Usage: {@code TestbedCloud KEYSTORE STOREPASS MQTT_PORT TOKEN_HEX}; prints
 * {@code READY tls=PORT udp=PORT} once it serves.
 */
public final class TestbedCloud {
    static final InetAddress CLOUD = InetAddress.getLoopbackAddress();
    private static final Pattern REPLY = Pattern.compile("\"id\":(\\d+),.*\"reply\":(\\d+)");

    private TestbedCloud() {}

    public static void main(String[] args) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            ks.load(in, args[1].toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, args[1].toCharArray());
        tls.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, CLOUD);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(CLOUD, 0));
        Miio miio = new Miio(HexFormat.of().parseHex(args[3]));
        MqttClient mqtt = new MqttClient(CLOUD, CLOUD.getHostAddress(), Integer.parseInt(args[2]), "cloud");
        mqtt.subscribe("dev/+/event");
        daemon(() -> serveTls(server));
        daemon(() -> serveMiio(udp, miio));
        daemon(() -> serveMqtt(mqtt));
        System.out.println("READY tls=" + server.getLocalPort() + " udp=" + udp.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until its parent closes standard input (or dies).
        }
        System.exit(0);
    }

    static void daemon(ThrowingRunnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void serveTls(SSLServerSocket server) throws IOException {
        while (true) {
            Socket s = server.accept();
            daemon(() -> {
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                while (true) {
                    byte[] request = new byte[in.readInt()];
                    in.readFully(request);
                    int reply = ByteBuffer.wrap(request).getInt();
                    out.writeInt(reply);
                    out.write(new byte[reply]);
                    out.flush();
                }
            });
        }
    }

    private static void serveMiio(DatagramSocket udp, Miio miio) throws Exception {
        byte[] buf = new byte[65536];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            udp.receive(p);
            String json = new String(miio.decode(p.getData(), p.getLength()), StandardCharsets.UTF_8);
            Matcher m = REPLY.matcher(json);
            if (!m.find()) {
                continue;
            }
            String head = "{\"id\":" + m.group(1) + ",\"result\":[\"ok\"],\"pad\":\"";
            int pad = Math.max(0, Integer.parseInt(m.group(2)) - head.length() - 2);
            byte[] answer = miio.encode(ByteBuffer.wrap(p.getData(), 8, 4).getInt(), (int) (System.currentTimeMillis() / 1000),
                    (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8));
            udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
        }
    }

    private static void serveMqtt(MqttClient mqtt) throws Exception {
        while (true) {
            MqttClient.Message m = mqtt.receive();
            String device = m.topic().split("/")[1];
            mqtt.publish("dev/" + device + "/cmd", new byte[ByteBuffer.wrap(m.payload()).getInt()]);
        }
    }
}
