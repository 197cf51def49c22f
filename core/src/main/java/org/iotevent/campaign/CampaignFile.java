package org.iotevent.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iotevent.capture.CaptureTool;
import org.iotevent.io.JsonInput;

/**
 * Reads a campaign YAML file into a {@link Campaign}, checking every field. Unknown keys are
 * refused (a misspelt {@code repetitons} must not silently become 100). See
 * {@code docs/campaign.md} for the reference.
 */
public final class CampaignFile {
    /** Repetitions per event when the file gives none: the paper's 100. */
    public static final int DEFAULT_REPETITIONS = 100;
    /** Interval when the file gives none: the paper's 60 s. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Set<String> TOP_KEYS = Set.of("name", "device", "interface", "filter", "capture",
            "events", "repetitions", "interval", "settle", "order", "seed", "trigger_timeout", "retry");

    private final String source;

    private CampaignFile(String source) {
        this.source = source;
    }

    /**
     * Reads and checks a campaign file.
     *
     * @throws CampaignFormatException naming the file and the field when the file is not a valid
     *     campaign
     * @throws IOException when the file cannot be read
     */
    public static Campaign read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CampaignFormatException(file + ": no such campaign file");
        }
        String text;
        try {
            text = JsonInput.utf8(file, JsonInput.MAX_BYTES);
        } catch (JsonInput.Problem e) {
            throw new CampaignFormatException(e.getMessage());
        }
        return parse(text, file.toString(), defaultName(file));
    }

    /**
     * Parses campaign YAML text.
     *
     * @param source the file name, for messages
     * @param defaultName the campaign name when the text gives none
     */
    public static Campaign parse(String yaml, String source, String defaultName) throws CampaignFormatException {
        JsonNode root;
        try {
            root = JsonInput.parseYaml(yaml, source);
        } catch (JsonInput.Problem e) {
            throw new CampaignFormatException(e.getMessage());
        }
        return new CampaignFile(source).campaign(root, defaultName);
    }

    private static String defaultName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private Campaign campaign(JsonNode root, String defaultName) throws CampaignFormatException {
        if (root == null || !root.isObject()) {
            throw fail("", "expected a mapping with device, interface and events");
        }
        checkKeys(root, "", TOP_KEYS);
        String name = optText(root, "name", defaultName);
        Campaign.Device device = device(require(root, "device", ""));
        String iface = text(require(root, "interface", ""), "interface");
        String filter = root.has("filter") ? textAllowEmpty(root.get("filter"), "filter") : device.defaultFilter();
        Campaign.CaptureSettings capture = capture(root.get("capture"));
        List<Campaign.EventSpec> events = events(require(root, "events", ""));
        int repetitions = root.has("repetitions") ? positiveInt(root.get("repetitions"), "repetitions")
                : DEFAULT_REPETITIONS;
        Duration interval = root.has("interval") ? duration(root.get("interval"), "interval", false) : DEFAULT_INTERVAL;
        Duration settle = root.has("settle") ? duration(root.get("settle"), "settle", true) : Duration.ofSeconds(5);
        Campaign.Order order = order(root.get("order"));
        long seed = root.has("seed") ? longValue(root.get("seed"), "seed") : 1L;
        Duration timeout = root.has("trigger_timeout")
                ? duration(root.get("trigger_timeout"), "trigger_timeout", false) : Duration.ofSeconds(30);
        Campaign.RetryPolicy retry = retry(root.get("retry"));
        try {
            return new Campaign(name, device, iface, filter, capture, events, repetitions, interval, settle, order,
                    seed, timeout, retry);
        } catch (IllegalArgumentException e) {
            throw fail("", e.getMessage());
        }
    }

    private Campaign.Device device(JsonNode n) throws CampaignFormatException {
        if (!n.isObject()) {
            throw fail("device", "expected a mapping with address and/or mac");
        }
        checkKeys(n, "device", Set.of("address", "mac"));
        List<String> addresses = new ArrayList<>();
        JsonNode a = n.get("address");
        if (a != null && a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                addresses.add(address(a.get(i), "device.address[" + i + "]"));
            }
        } else if (a != null) {
            addresses.add(address(a, "device.address"));
        }
        String mac = null;
        if (n.has("mac")) {
            mac = text(n.get("mac"), "device.mac").toLowerCase(Locale.ROOT).replace('-', ':');
            if (!MAC.matcher(mac).matches()) {
                throw fail("device.mac", "expected six hex bytes like aa:bb:cc:dd:ee:ff, found '" + mac + "'");
            }
        }
        if (addresses.isEmpty() && mac == null) {
            throw fail("device", "expected an address or a mac");
        }
        return new Campaign.Device(addresses, mac);
    }

    private String address(JsonNode n, String field) throws CampaignFormatException {
        String s = text(n, field);
        if (!s.matches("[0-9A-Fa-f.:]+") || !(s.contains(".") || s.contains(":"))) {
            throw fail(field, "expected an IPv4 or IPv6 address, found '" + s + "'");
        }
        return s;
    }

    private Campaign.CaptureSettings capture(JsonNode n) throws CampaignFormatException {
        if (n == null) {
            return new Campaign.CaptureSettings(CaptureTool.Kind.AUTO, 100);
        }
        if (!n.isObject()) {
            throw fail("capture", "expected a mapping with tool and/or rotate_mb");
        }
        checkKeys(n, "capture", Set.of("tool", "rotate_mb"));
        CaptureTool.Kind tool = CaptureTool.Kind.AUTO;
        if (n.has("tool")) {
            String t = text(n.get("tool"), "capture.tool");
            try {
                tool = CaptureTool.Kind.valueOf(t.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail("capture.tool", "expected auto, tcpdump or dumpcap, found '" + t + "'");
            }
        }
        int rotate = n.has("rotate_mb") ? positiveInt(n.get("rotate_mb"), "capture.rotate_mb") : 100;
        return new Campaign.CaptureSettings(tool, rotate);
    }

    private List<Campaign.EventSpec> events(JsonNode n) throws CampaignFormatException {
        if (!n.isArray() || n.isEmpty()) {
            throw fail("events", "expected a list of events, each with a name and a trigger");
        }
        List<Campaign.EventSpec> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String at = "events[" + i + "]";
            JsonNode e = n.get(i);
            if (!e.isObject()) {
                throw fail(at, "expected a mapping with name and trigger");
            }
            checkKeys(e, at, Set.of("name", "trigger", "prompt"));
            String name = text(require(e, "name", at), at + ".name");
            if (!name.matches("[A-Za-z0-9_.:-]+")) {
                throw fail(at + ".name", "expected letters, digits or _.:- only, found '" + name + "'");
            }
            if (name.equals("other")) {
                throw fail(at + ".name", "'other' is reserved for the device's own traffic");
            }
            if (!seen.add(name)) {
                throw fail(at + ".name", "event '" + name + "' is listed twice");
            }
            List<String> command = trigger(require(e, "trigger", at), at + ".trigger");
            String prompt = optText(e, "prompt", "");
            out.add(new Campaign.EventSpec(name, command, prompt));
        }
        return out;
    }

    private List<String> trigger(JsonNode n, String field) throws CampaignFormatException {
        if (n.isArray()) {
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                argv.add(textAllowEmpty(n.get(i), field + "[" + i + "]"));
            }
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw fail(field, "expected a command line (program first) or 'manual'");
            }
            return argv;
        }
        String s = text(n, field);
        if (s.equals("manual")) {
            return List.of();
        }
        try {
            return CommandLineSplitter.split(s);
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage());
        }
    }

    private Campaign.Order order(JsonNode n) throws CampaignFormatException {
        if (n == null) {
            return Campaign.Order.RANDOM;
        }
        String s = text(n, "order");
        return switch (s) {
            case "random" -> Campaign.Order.RANDOM;
            case "round-robin" -> Campaign.Order.ROUND_ROBIN;
            default -> throw fail("order", "expected random or round-robin, found '" + s + "'");
        };
    }

    private Campaign.RetryPolicy retry(JsonNode n) throws CampaignFormatException {
        if (n == null) {
            return new Campaign.RetryPolicy(3, Duration.ofSeconds(5));
        }
        if (!n.isObject()) {
            throw fail("retry", "expected a mapping with attempts and/or delay");
        }
        checkKeys(n, "retry", Set.of("attempts", "delay"));
        int attempts = n.has("attempts") ? positiveInt(n.get("attempts"), "retry.attempts") : 3;
        Duration delay = n.has("delay") ? duration(n.get("delay"), "retry.delay", true) : Duration.ofSeconds(5);
        return new Campaign.RetryPolicy(attempts, delay);
    }

    /**
     * Parses a duration: a number of seconds, or a number with unit ms, s, m/min or h.
     *
     * @throws IllegalArgumentException naming what was found
     */
    public static Duration parseDuration(String s) {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 60s, 500ms, 2m or 1h, found '" + s + "'");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanosPerUnit = switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(v * nanosPerUnit));
    }

    private Duration duration(JsonNode n, String field, boolean zeroAllowed) throws CampaignFormatException {
        Duration d;
        try {
            d = parseDuration(n.isNumber() ? n.asText() : text(n, field));
        } catch (IllegalArgumentException e) {
            throw fail(field, e.getMessage());
        }
        if (d.isZero() && !zeroAllowed) {
            throw fail(field, "expected a duration > 0");
        }
        return d;
    }

    private int positiveInt(JsonNode n, String field) throws CampaignFormatException {
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 1) {
            throw fail(field, "expected a whole number >= 1, found '" + n.asText() + "'");
        }
        return n.intValue();
    }

    private long longValue(JsonNode n, String field) throws CampaignFormatException {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw fail(field, "expected a whole number, found '" + n.asText() + "'");
        }
        return n.longValue();
    }

    private JsonNode require(JsonNode parent, String key, String at) throws CampaignFormatException {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw fail(at.isEmpty() ? key : at + "." + key, "missing");
        }
        return n;
    }

    private String optText(JsonNode parent, String key, String dflt) throws CampaignFormatException {
        return parent.has(key) ? text(parent.get(key), key) : dflt;
    }

    private String text(JsonNode n, String field) throws CampaignFormatException {
        String s = textAllowEmpty(n, field);
        if (s.isBlank()) {
            throw fail(field, "expected a non-empty text");
        }
        return s;
    }

    private String textAllowEmpty(JsonNode n, String field) throws CampaignFormatException {
        if (n == null || !(n.isTextual() || n.isNumber() || n.isBoolean())) {
            throw fail(field, "expected a text value");
        }
        return n.asText();
    }

    private void checkKeys(JsonNode n, String at, Set<String> allowed) throws CampaignFormatException {
        Iterator<String> it = ((ObjectNode) n).fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw fail(at.isEmpty() ? k : at + "." + k, "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private CampaignFormatException fail(String field, String what) {
        return new CampaignFormatException(source + (field.isEmpty() ? "" : ": " + field) + ": " + what);
    }
}
