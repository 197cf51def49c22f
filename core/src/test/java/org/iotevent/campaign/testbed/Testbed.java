package org.iotevent.campaign.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotevent.campaign.LiveTools;
import org.iotevent.capture.CaptureTool;

/**
 * Starts mosquitto, the cloud and the device as real processes on loopback, for a test; closing
 * it stops them. Skips the test (with a message) when mosquitto is not installed.
 */
public final class Testbed implements AutoCloseable {
    private static final String STOREPASS = "testbed-pass";

    private final List<Process> processes = new ArrayList<>();
    private final int mqttPort;
    private final String deviceAddress;
    private int tlsPort;
    private int udpPort;
    private int controlPort;

    private Testbed(int mqttPort, String deviceAddress) {
        this.mqttPort = mqttPort;
        this.deviceAddress = deviceAddress;
    }

    /** Starts everything in {@code dir}; the device's jitter comes from {@code seed}. */
    public static Testbed start(Path dir, long seed) throws Exception {
        assumeTrue(CaptureTool.onPath("mosquitto").isPresent() || Files.isExecutable(Path.of("/usr/sbin/mosquitto")),
                "mosquitto is not installed (Debian: apt-get install mosquitto); device testbed test skipped");
        Testbed t = new Testbed(freeTcpPort(), uniqueLoopbackAddress());
        try {
            t.startAll(dir, seed);
        } catch (Exception e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void startAll(Path dir, long seed) throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + mqttPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "log_dest stderr\n");
        String mosquitto = CaptureTool.onPath("mosquitto").map(Path::toString).orElse("/usr/sbin/mosquitto");
        Process broker = new ProcessBuilder(mosquitto, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        processes.add(broker);
        waitForPort(mqttPort, broker, dir.resolve("mosquitto.log"));

        Path keystore = dir.resolve("cloud.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String out = LiveTools.run(List.of(keytool, "-genkeypair", "-alias", "cloud", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=cloud.testbed", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype",
                "PKCS12", "-keystore", keystore.toString(), "-storepass", STOREPASS, "-keypass", STOREPASS));
        if (!Files.exists(keystore)) {
            throw new IOException("keytool made no keystore: " + out);
        }
        String token = HexFormat.of().formatHex(randomBytes(seed, 16));
        Matcher cloud = ready(dir, "cloud", java(dir, "cloud", TestbedCloud.class, keystore.toString(), STOREPASS,
                Integer.toString(mqttPort), token), "READY tls=(\\d+) udp=(\\d+)");
        tlsPort = Integer.parseInt(cloud.group(1));
        udpPort = Integer.parseInt(cloud.group(2));
        Matcher device = ready(dir, "device", java(dir, "device", TestbedDevice.class, keystore.toString(), STOREPASS,
                Integer.toString(tlsPort), Integer.toString(udpPort), Integer.toString(mqttPort), token,
                Long.toString(seed), deviceAddress), "READY control=(\\d+)");
        controlPort = Integer.parseInt(device.group(1));
    }

    private Process java(Path dir, String name, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    private static Matcher ready(Path dir, String name, Process p, String pattern) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        Matcher m = Pattern.compile(pattern).matcher(line == null ? "" : line);
        if (!m.matches()) {
            throw new IOException("testbed " + name + " did not start: expected " + pattern + ", got " + line + "; its log: "
                    + Files.readString(dir.resolve(name + ".log")));
        }
        return m;
    }

    private static void waitForPort(int port, Process p, Path log) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on port " + port + " within 5 s: " + Files.readString(log));
    }

    /**
     * A loopback address of 127/8 (all of it reaches lo on Linux) for the device, different in
     * every run, so that a capture filtered on it never sees another test run's testbed on the
     * same machine. It only isolates; no result depends on it.
     */
    private static String uniqueLoopbackAddress() {
        long x = ProcessHandle.current().pid() * 0x9E3779B97F4A7C15L ^ System.nanoTime();
        return "127." + (1 + Math.floorMod(x, 254)) + "." + Math.floorMod(x >> 8, 256) + "." + (2 + Math.floorMod(x >> 16, 252));
    }

    /** The device's own address: everything it sends to its cloud or broker comes from here. */
    public String deviceAddress() {
        return deviceAddress;
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The event names the device knows. */
    public static List<String> events() {
        return TestbedDevice.EVENTS.keySet().stream().sorted().toList();
    }

    /** A trigger command line (YAML flow list) that makes the device perform {@code event}. */
    public String triggerYaml(String event) {
        return "[bash, -c, 'exec 3<>/dev/tcp/127.0.0.1/" + controlPort + "; echo " + event
                + " >&3; read -t 10 r <&3; [ \"$r\" = ok ]']";
    }

    /** Makes the device perform {@code event} now; returns its answer ("ok" when done). */
    public String trigger(String event) throws IOException {
        try (Socket s = new Socket("127.0.0.1", controlPort)) {
            s.getOutputStream().write((event + "\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return answer == null ? "no answer" : answer;
        }
    }

    public int tlsPort() {
        return tlsPort;
    }

    public int udpPort() {
        return udpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
