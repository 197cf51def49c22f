package org.iotevent.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read through a memory-mapped window that moves forward as the reader does, so
 * files of any size (beyond 2 GiB too) are read without holding them in the heap.
 */
final class MappedFileInput extends ByteInput {
    /** Default window length: 256 MiB of address space, not of heap. */
    static final int DEFAULT_WINDOW = 256 << 20;

    private final FileChannel channel;
    private final long size;
    private final int window;

    /**
     * @param path the file
     * @param window window length in bytes; a fill longer than this maps a longer window
     */
    MappedFileInput(Path path, int window) throws IOException {
        if (window < 1) {
            throw new IllegalArgumentException("window " + window);
        }
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.window = window;
        start = 0;
        end = 0;
    }

    @Override
    boolean refill(long offset, int length) throws IOException {
        if (offset + length > size) {
            mapAt(Math.min(offset, size), (int) Math.min(Math.max(window, length), size - Math.min(offset, size)));
            return false;
        }
        mapAt(offset, (int) Math.min(Math.max(window, length), size - offset));
        return true;
    }

    private void mapAt(long offset, int length) throws IOException {
        if (offset == start && offset + length <= end) {
            return;
        }
        window(channel.map(FileChannel.MapMode.READ_ONLY, offset, length), offset, offset + length);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
