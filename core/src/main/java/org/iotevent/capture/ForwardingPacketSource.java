package org.iotevent.capture;

import java.io.IOException;

/**
 * A source that reads through another and changes only {@link #next}: filtering, counting,
 * checking or stopping early. Its name and closing are the inner source's.
 */
public abstract class ForwardingPacketSource implements PacketSource {
    /** The source read through. */
    protected final PacketSource source;

    protected ForwardingPacketSource(PacketSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
