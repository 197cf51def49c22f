package org.iotevent.campaign.testbed;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal MQTT 3.1.1 client (OASIS standard, sections 3.1-3.9): CONNECT with a clean session
 * and no keep-alive, SUBSCRIBE at QoS 0, PUBLISH at QoS 0; received PUBLISH packets are queued.
 */
final class MqttClient implements Closeable {
    /** A received application message. */
    record Message(String topic, byte[] payload) {}

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> acks = new LinkedBlockingQueue<>();
    private int nextPacketId = 1;

    /** Connects from {@code local} to the broker and completes CONNECT/CONNACK. */
    MqttClient(InetAddress local, String host, int port, String clientId) throws IOException, InterruptedException {
        socket = new Socket(host, port, local, 0);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        writeString(v, "MQTT");
        v.write(4);
        v.write(0x02);
        v.write(0);
        v.write(0);
        writeString(v, clientId);
        send(0x10, v.toByteArray());
        Thread reader = new Thread(this::readLoop, "mqtt-" + clientId);
        reader.setDaemon(true);
        reader.start();
        int rc = acks.take();
        if (rc != 0) {
            throw new IOException("broker refused the connection: CONNACK return code " + rc);
        }
    }

    void subscribe(String topicFilter) throws IOException, InterruptedException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        int id = nextPacketId++;
        v.write(id >> 8);
        v.write(id);
        writeString(v, topicFilter);
        v.write(0);
        send(0x82, v.toByteArray());
        int granted = acks.take();
        if (granted != 0) {
            throw new IOException("subscription to " + topicFilter + " refused: SUBACK " + granted);
        }
    }

    void publish(String topic, byte[] payload) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        writeString(v, topic);
        v.write(payload);
        send(0x30, v.toByteArray());
    }

    /** Next received message, waiting for it. */
    Message receive() throws InterruptedException {
        return received.take();
    }

    private synchronized void send(int type, byte[] body) throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(type);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            p.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        p.write(body);
        out.write(p.toByteArray());
        out.flush();
    }

    private void readLoop() {
        try {
            while (true) {
                int type = in.readUnsignedByte();
                int len = 0;
                for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
                    b = in.readUnsignedByte();
                    len |= (b & 0x7F) << shift;
                }
                byte[] body = new byte[len];
                in.readFully(body);
                switch (type >> 4) {
                    case 2 -> acks.add(body[1] & 0xFF);
                    case 9 -> acks.add(body[2] & 0xFF);
                    case 3 -> {
                        int tl = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                        int skip = 2 + tl + (((type >> 1) & 3) > 0 ? 2 : 0);
                        received.add(new Message(new String(body, 2, tl, StandardCharsets.UTF_8),
                                java.util.Arrays.copyOfRange(body, skip, body.length)));
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            acks.add(-1);
        }
    }

    private static void writeString(ByteArrayOutputStream v, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        v.write(b.length >> 8);
        v.write(b.length);
        v.write(b, 0, b.length);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
