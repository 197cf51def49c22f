package org.iotevent.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads homes: a user's home JSON, an embedded home by name ({@code default}: the paper's nine
 * devices), or a single embedded device model by name (a home of that one device).
 */
public final class HomeReader {
    private static final Set<String> HOME_KEYS = Set.of("name", "devices", "wanAddress", "dnsServer", "comment");

    private HomeReader() {}

    /** The embedded default home: the nine devices of the paper. */
    public static Home defaultHome() {
        try {
            return embeddedHome("default");
        } catch (IOException e) {
            throw new IllegalStateException("embedded default home is broken", e);
        }
    }

    /**
     * Resolves {@code --home}: an existing file, else an embedded home, else an embedded device model.
     *
     * @throws IOException naming what was looked for when nothing matches, or a fault in the file
     */
    public static Home resolve(String fileOrName) throws IOException {
        Path file = Path.of(fileOrName);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        if (fileOrName.endsWith(".json")) {
            throw new java.nio.file.NoSuchFileException(fileOrName, null, "no such home file");
        }
        if (fileOrName.matches("[a-z0-9][a-z0-9-]*")) {
            try (InputStream in = HomeReader.class.getResourceAsStream(homeResource(fileOrName))) {
                if (in != null) {
                    return embeddedHome(fileOrName);
                }
            }
            if (DeviceModelReader.embeddedJson(fileOrName) != null) {
                DeviceModel model = DeviceModelReader.embedded(fileOrName);
                return new Home(fileOrName, List.of(new Home.Device(model.name(), model)), Home.DEFAULT_WAN_ADDRESS,
                        Home.DEFAULT_DNS_SERVER);
            }
        }
        throw new ModelFormatException("--home " + fileOrName, "", "neither a file nor an embedded home (default) "
                + "nor an embedded device (" + String.join(", ", DeviceModelReader.embeddedNames()) + ")");
    }

    /**
     * The embedded default home's JSON text for a directory of exported models: each device
     * names its model file ({@code NAME.json}) beside it, so edits to those files take effect.
     */
    public static byte[] exportedHomeJson() throws IOException {
        try (InputStream in = HomeReader.class.getResourceAsStream(homeResource("default"))) {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode home =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
            List<String> names = new ArrayList<>();
            home.get("devices").forEach(d -> names.add(d.asText()));
            com.fasterxml.jackson.databind.node.ArrayNode devices = home.putArray("devices");
            names.forEach(n -> devices.add(n + ".json"));
            home.put("comment", "The nine devices of Yang et al. 2022, Table 1, from the model files beside this "
                    + "file. A device entry is a model file (relative to this file), an embedded model name, or "
                    + "{\"model\": ..., \"name\": ...} for a second device of a model.");
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(home);
        }
    }

    private static String homeResource(String name) {
        return "/org/iotevent/sim/homes/" + name + ".json";
    }

    private static Home embeddedHome(String name) throws IOException {
        try (InputStream in = HomeReader.class.getResourceAsStream(homeResource(name))) {
            if (in == null) {
                throw new IllegalStateException("no embedded home " + name);
            }
            return parse(in.readAllBytes(), "embedded home " + name + ".json", null);
        }
    }

    /** Reads a home file; device files it names are resolved against its directory. */
    public static Home read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return parse(Files.readAllBytes(file), file.toString(), dir);
    }

    /**
     * Parses a home: {@code {"name": ..., "devices": [NAME | FILE.json | {"model": NAME|FILE, "name": ...}],
     * "wanAddress": "a.b.c.d", "dnsServer": "a.b.c.d"}}.
     *
     * @param baseDir where relative device files are, or null to allow embedded names only
     */
    static Home parse(byte[] json, String source, Path baseDir) throws IOException {
        JsonFields f = new JsonFields(source, "", JsonFields.readTree(json, source));
        f.onlyKeys(HOME_KEYS);
        List<JsonNode> entries = f.array("devices", true);
        if (entries.isEmpty()) {
            throw new ModelFormatException(source, "devices", "expected at least one device");
        }
        List<Home.Device> devices = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String where = "devices[" + i + "]";
            String ref;
            String name = null;
            if (e.isTextual()) {
                ref = e.asText();
            } else {
                JsonFields d = f.element("devices", i, e);
                d.onlyKeys(Set.of("model", "name"));
                ref = d.string("model");
                name = d.string("name", null);
            }
            DeviceModel model = model(ref, source, where, baseDir);
            String deviceName = name == null ? model.name() : name;
            if (!deviceName.matches("[a-z0-9][a-z0-9-]*")) {
                throw new ModelFormatException(source, where + ".name", "expected [a-z0-9][a-z0-9-]*, found \""
                        + deviceName + "\"");
            }
            if (devices.stream().anyMatch(d -> d.name().equals(deviceName))) {
                throw new ModelFormatException(source, where, "a second device named " + deviceName
                        + "; give it another \"name\"");
            }
            devices.add(new Home.Device(deviceName, model));
        }
        if (devices.size() > 150) {
            throw new ModelFormatException(source, "devices", "at most 150 devices, found " + devices.size());
        }
        return new Home(f.string("name", "home"), devices, address(f, "wanAddress", Home.DEFAULT_WAN_ADDRESS),
                address(f, "dnsServer", Home.DEFAULT_DNS_SERVER));
    }

    private static DeviceModel model(String ref, String source, String where, Path baseDir) throws IOException {
        if (ref.endsWith(".json")) {
            if (baseDir == null) {
                throw new ModelFormatException(source, where, "an embedded home can only name embedded models");
            }
            Path file = baseDir.resolve(ref);
            if (!Files.isRegularFile(file)) {
                throw new ModelFormatException(source, where, "device model file " + file + " does not exist");
            }
            return DeviceModelReader.read(file);
        }
        if (DeviceModelReader.embeddedJson(ref) == null) {
            throw new ModelFormatException(source, where, "no embedded device model \"" + ref + "\" (known: "
                    + String.join(", ", DeviceModelReader.embeddedNames()) + "); a file must end in .json");
        }
        return DeviceModelReader.embedded(ref);
    }

    private static int address(JsonFields f, String field, int fallback) throws ModelFormatException {
        if (!f.has(field)) {
            return fallback;
        }
        String text = f.string(field);
        String[] parts = text.split("\\.", -1);
        boolean ok = parts.length == 4;
        int value = 0;
        for (int i = 0; ok && i < 4; i++) {
            ok = parts[i].matches("\\d{1,3}") && Integer.parseInt(parts[i]) <= 255;
            value = ok ? value << 8 | Integer.parseInt(parts[i]) : 0;
        }
        if (ok) {
            return value;
        }
        throw new ModelFormatException(f.source(), field, "expected a dotted IPv4 address, found \"" + text + "\"");
    }

    /** Dotted text of an IPv4 address held in an int. */
    public static String dotted(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }
}
