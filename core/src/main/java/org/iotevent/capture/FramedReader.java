package org.iotevent.capture;

import java.io.IOException;

/** What the pcap and pcapng readers share: the input window and the input's name. */
abstract class FramedReader implements PacketSource {
    /** The bytes of the capture. */
    final ByteInput in;
    /** The input's name for messages. */
    final String name;

    FramedReader(String name, ByteInput in) {
        this.in = in;
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
