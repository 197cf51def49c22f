package org.iotevent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketSourceTest {
    /** A source that counts its closes and fails to close when given a message. */
    private static final class Closing implements PacketSource {
        final String failure;
        int closed;

        Closing(String failure) {
            this.failure = failure;
        }

        @Override
        public boolean next(CaptureRecord into) {
            return false;
        }

        @Override
        public String name() {
            return "source";
        }

        @Override
        public void close() throws IOException {
            closed++;
            if (failure != null) {
                throw new IOException(failure);
            }
        }
    }

    @Test
    void everySourceIsClosedAndTheFirstFailureThrownWithTheOthers() {
        List<Closing> sources = List.of(new Closing(null), new Closing("disk gone"), new Closing(null), new Closing("again"));
        assertThatThrownBy(() -> PacketSource.closeAll(sources, null)).hasMessage("disk gone")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("again"));
        assertThat(sources).allSatisfy(s -> assertThat(s.closed).isEqualTo(1));
    }

    @Test
    void theFailureThatEndedTheirUseIsKeptAndCarriesTheClosingErrors() throws IOException {
        List<Closing> sources = List.of(new Closing("disk gone"), new Closing(null));
        IOException ended = new IOException("a damaged capture");
        PacketSource.closeAll(sources, ended);
        assertThat(ended.getSuppressed()).extracting(Throwable::getMessage).containsExactly("disk gone");
        assertThat(sources).allSatisfy(s -> assertThat(s.closed).isEqualTo(1));
    }
}
