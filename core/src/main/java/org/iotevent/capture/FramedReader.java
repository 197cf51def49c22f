package org.iotevent.capture;

import java.io.IOException;

/** What the pcap and pcapng readers share: the input window and the input's name. */
abstract class FramedReader implements PacketSource {
    /** The bytes of the capture. */
    final ByteInput in;
    /** The input's name for messages. */
    final String name;
    /** Input offset of the next record (or block) to read. */
    long position;

    FramedReader(String name, ByteInput in) {
        this.in = in;
        this.name = name;
    }

    /**
     * Reads the next record ({@link #read}). A mapped page that vanished under the reader (another
     * program cut the file short) faults as an {@link InternalError}: a damaged capture here.
     */
    @Override
    public final boolean next(CaptureRecord into) throws IOException {
        try {
            return read(into);
        } catch (InternalError e) {
            throw CaptureFormatException.changedWhileRead(e, name, position);
        }
    }

    /** As {@link PacketSource#next}, for the format read. */
    abstract boolean read(CaptureRecord into) throws IOException;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
