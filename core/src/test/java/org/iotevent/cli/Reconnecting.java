package org.iotevent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.iotevent.sim.DeviceModel;
import org.iotevent.sim.DeviceModelReader;

/** Test models: an embedded device model that closes its cloud connection and reconnects now and then. */
final class Reconnecting {
    private Reconnecting() {}

    /** The embedded model {@code name} with {@code timing.reconnectS} set to {@code seconds}. */
    static DeviceModel model(String name, int seconds) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode model = (ObjectNode) json.readTree(DeviceModelReader.embeddedJson(name));
        ((ObjectNode) model.get("timing")).put("reconnectS", seconds);
        return DeviceModelReader.parse(json.writeValueAsBytes(model), name + "-reconnecting.json");
    }
}
