package org.iotevent.campaign.testbed;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulated device, a process of its own whose traffic comes from its own loopback address: it keeps a TLS
 * connection to its cloud and an MQTT session with the broker, and talks miIO over UDP. A trigger
 * connects to its control port on 127.0.0.1, sends an event name and reads {@code ok} once the
 * device has performed the event's exchanges (or an error line).
 *
 * <p>Usage: {@code TestbedDevice TRUSTSTORE STOREPASS TLS_PORT UDP_PORT MQTT_PORT TOKEN_HEX SEED ADDRESS};
 * prints {@code READY control=PORT}. ADDRESS is a loopback address (127.x.y.z) that everything the
 * device sends comes from.
 */
public final class TestbedDevice {

    /** One request/response exchange over one protocol; sizes in bytes of application data. */
    record Step(String protocol, int request, int response) {}

    /** The device's events: each a distinct sequence of exchanges with different sizes. */
    public static final Map<String, List<Step>> EVENTS = Map.of(
            "light_on", List.of(new Step("tls", 310, 1210), new Step("tls", 95, 40)),
            "light_off", List.of(new Step("tls", 180, 520)),
            "plug_on", List.of(new Step("miio", 60, 30)),
            "plug_off", List.of(new Step("miio", 150, 210)),
            "motion", List.of(new Step("mqtt", 240, 90)),
            "door_open", List.of(new Step("mqtt", 130, 60), new Step("tls", 700, 150)));

    private final DataOutputStream tlsOut;
    private final DataInputStream tlsIn;
    private final DatagramSocket udp;
    private final InetSocketAddress miioServer;
    private final Miio miio;
    private final MqttClient mqtt;
    private final Random jitter;
    private int requestId = 1;

    private TestbedDevice(String[] args) throws Exception {
        InetAddress self = InetAddress.getByName(args[7]);
        InetAddress cloud = TestbedCloud.CLOUD;
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            ts.load(in, args[1].toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(cloud, Integer.parseInt(args[2]), self, 0);
        s.setTcpNoDelay(true);
        javax.net.ssl.SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        s.startHandshake();
        tlsOut = new DataOutputStream(s.getOutputStream());
        tlsIn = new DataInputStream(s.getInputStream());
        udp = new DatagramSocket(new InetSocketAddress(self, 0));
        udp.setSoTimeout(3000);
        miioServer = new InetSocketAddress(cloud, Integer.parseInt(args[3]));
        miio = new Miio(HexFormat.of().parseHex(args[5]));
        mqtt = new MqttClient(self, cloud.getHostAddress(), Integer.parseInt(args[4]), "plug1");
        mqtt.subscribe("dev/plug1/cmd");
        jitter = new Random(Long.parseLong(args[6]));
    }

    public static void main(String[] args) throws Exception {
        TestbedDevice device = new TestbedDevice(args);
        ServerSocket control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestbedCloud.daemon(() -> {
            while (true) {
                try (Socket c = control.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(c.getOutputStream(), true, StandardCharsets.UTF_8);
                    String event = in.readLine();
                    out.println(device.perform(event == null ? "" : event.strip()));
                }
            }
        });
        System.out.println("READY control=" + control.getLocalPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until its parent closes standard input (or dies).
        }
        System.exit(0);
    }

    /** Performs one event's exchanges; returns "ok" or what went wrong. */
    private String perform(String event) {
        List<Step> steps = EVENTS.get(event);
        if (steps == null) {
            return "unknown event '" + event + "'";
        }
        try {
            for (Step step : steps) {
                int request = step.request() + jitter.nextInt(12);
                int response = step.response() + jitter.nextInt(12);
                switch (step.protocol()) {
                    case "tls" -> tls(request, response);
                    case "miio" -> miio(event, request, response);
                    default -> mqtt(request, response);
                }
            }
            return "ok";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    private void tls(int request, int response) throws IOException {
        byte[] body = new byte[request];
        ByteBuffer.wrap(body).putInt(response);
        tlsOut.writeInt(request);
        tlsOut.write(body);
        tlsOut.flush();
        byte[] answer = new byte[tlsIn.readInt()];
        tlsIn.readFully(answer);
    }

    private void miio(String event, int request, int response) throws Exception {
        String head = "{\"id\":" + requestId++ + ",\"method\":\"set_power\",\"params\":[\"" + event + "\"],\"reply\":"
                + response + ",\"pad\":\"";
        String json = head + "x".repeat(Math.max(0, request - head.length() - 2)) + "\"}";
        byte[] p = miio.encode(0x0badcafe, (int) (System.currentTimeMillis() / 1000), json.getBytes(StandardCharsets.UTF_8));
        udp.send(new DatagramPacket(p, p.length, miioServer));
        byte[] buf = new byte[65536];
        DatagramPacket answer = new DatagramPacket(buf, buf.length);
        udp.receive(answer);
        miio.decode(answer.getData(), answer.getLength());
    }

    private void mqtt(int request, int response) throws Exception {
        byte[] body = new byte[request];
        ByteBuffer.wrap(body).putInt(response);
        mqtt.publish("dev/plug1/event", body);
        mqtt.receive();
    }
}
