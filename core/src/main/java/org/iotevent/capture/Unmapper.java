package org.iotevent.capture;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped window as soon as its reader is done with it. Java 17 has no API for it (the
 * garbage collector unmaps a buffer it finds unreferenced, and a window that lived through a few
 * young collections waits for a full one: a long capture then stays mapped, all of it counted in
 * the process's resident memory), so this calls the JDK's own {@code sun.misc.Unsafe.invokeCleaner},
 * as Lucene did before Java 19. Where it is missing, windows are left to the collector.
 * Touching a window after it was unmapped crashes the JVM: only a reader that will not look at a
 * window again may unmap it.
 */
final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private Unmapper() {}

    /** Unmaps {@code m} (a buffer {@code FileChannel.map} returned, not a slice or duplicate of it). */
    static void unmap(MappedByteBuffer m) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) m);
        } catch (Throwable t) {
            // left to the garbage collector
        }
    }

    /** Whether windows are unmapped here rather than by the garbage collector. */
    static boolean available() {
        return INVOKE_CLEANER != null;
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
