package org.iotevent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffTest {
    @Test
    void deliversEveryItemInOrderOnAnotherThread() throws IOException {
        for (int batch : new int[] {1, 7, 1024}) {
            List<Integer> seen = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            try (Handoff<Integer> h = new Handoff<>("test", batch, 2, i -> {
                seen.add(i);
                if (threads.isEmpty()) {
                    threads.add(Thread.currentThread());
                }
            })) {
                for (int i = 0; i < 100_003; i++) {
                    h.accept(i);
                }
                h.finish();
            }
            assertThat(seen).hasSize(100_003);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
            assertThat(threads.get(0)).isNotSameAs(Thread.currentThread());
        }
    }

    @Test
    void theConsumersFailureStopsTheProducerAndIsRethrown() {
        IOException full = new IOException("No space left on device");
        Handoff<Integer> h = new Handoff<>("test", 4, 1, i -> {
            if (i == 100) {
                throw full;
            }
        });
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000_000; i++) {
                h.accept(i);
            }
        }).isSameAs(full);
        assertThatThrownBy(h::finish).isSameAs(full);
    }

    @Test
    void finishOnAnInterruptedThreadStillDeliversEverythingAndWaitsForTheConsumer() throws IOException {
        List<Integer> seen = new ArrayList<>();
        List<Thread> consumer = new ArrayList<>();
        // a slow consumer and a small queue: the producer's last batches wait for room
        Handoff<Integer> h = new Handoff<>("test", 10, 1, i -> {
            if (consumer.isEmpty()) {
                consumer.add(Thread.currentThread());
            }
            if (i % 10 == 0) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(i);
        });
        for (int i = 0; i < 45; i++) {
            h.accept(i);
        }
        Thread.currentThread().interrupt();
        h.finish();
        // the interrupt is kept for the caller, every item was delivered, and no consumer is left writing
        assertThat(Thread.interrupted()).isTrue();
        assertThat(seen).hasSize(45);
        assertThat(consumer.get(0).isAlive()).isFalse();
    }

    @Test
    void finishDeliversAPartBatch() throws IOException {
        List<String> seen = new ArrayList<>();
        Handoff<String> h = new Handoff<>("test", 1000, 4, seen::add);
        h.accept("a");
        h.accept("b");
        h.finish();
        assertThat(seen).containsExactly("a", "b");
    }
}
