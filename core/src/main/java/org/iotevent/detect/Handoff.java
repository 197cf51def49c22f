package org.iotevent.detect;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands items from the thread that makes them to one thread that consumes them, in the order
 * they were made, in batches (one lock a batch, not an item) through a bounded queue (memory stays
 * bounded when the consumer is the slower). The consumer's failure stops the producer at its next
 * item and is rethrown there; {@link #finish} delivers what was handed, waits for the consumer and
 * rethrows its failure. Single producer.
 *
 * @param <T> the items
 */
public final class Handoff<T> implements AutoCloseable {
    /** Consumes one item on the consumer thread. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item) throws IOException;
    }

    private static final List<Object> END = List.of();
    private final BlockingQueue<List<Object>> queue;
    private final int batchSize;
    private final Thread consumer;
    private volatile Throwable failure;
    private List<Object> batch;
    private boolean finished;

    /**
     * Starts the consumer thread.
     *
     * @param name the consumer thread's name
     * @param batchSize items a batch
     * @param batches batches that may wait in the queue
     * @param sink what the consumer thread does with each item
     */
    public Handoff(String name, int batchSize, int batches, Sink<? super T> sink) {
        this.queue = new ArrayBlockingQueue<>(batches);
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
        this.consumer = new Thread(() -> consume(sink), name);
        consumer.setDaemon(true);
        consumer.start();
    }

    @SuppressWarnings("unchecked")
    private void consume(Sink<? super T> sink) {
        try {
            while (true) {
                List<Object> b = queue.take();
                if (b == END) {
                    return;
                }
                for (Object item : b) {
                    sink.accept((T) item);
                }
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear(); // unblocks a producer waiting for room; it sees the failure next
        }
    }

    /** Hands one item over; throws the consumer's failure, if it failed. */
    public void accept(T item) throws IOException {
        rethrow();
        batch.add(item);
        if (batch.size() == batchSize) {
            put(batch);
            batch = new ArrayList<>(batchSize);
        }
    }

    /** Hands over what is left, waits until the consumer has taken every item, and throws its failure. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            // also when this thread is interrupted, every item handed over is delivered and the
            // consumer has ended before this returns: no one else writes the sink while it does (a
            // sink's buffers have no lock of their own)
            boolean interrupted = Thread.interrupted();
            if (!batch.isEmpty()) {
                interrupted |= putUninterruptibly(batch);
            }
            interrupted |= putUninterruptibly(END);
            while (consumer.isAlive()) {
                try {
                    consumer.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the items handed over are still delivered
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        rethrow();
    }

    /** As {@link #finish}: a pass that failed still delivers what it handed over. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /** Puts {@code b} in the queue unless the consumer failed, waiting through interrupts; true when there was one. */
    private boolean putUninterruptibly(List<Object> b) {
        boolean interrupted = false;
        while (failure == null) {
            try {
                if (queue.offer(b, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    private void put(List<Object> b) throws IOException {
        try {
            while (failure == null && !queue.offer(b, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the consumer is busy; look at its failure again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing detections over");
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(t));
    }
}
