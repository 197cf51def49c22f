package org.iotevent.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {
    @Test
    void splitsLikeAShellForQuotesAndEscapes() {
        assertThat(CommandLineSplitter.split("  adb shell  input tap 5 8 ")).containsExactly("adb", "shell", "input", "tap", "5", "8");
        assertThat(CommandLineSplitter.split("sh -c 'echo $HOME; x'")).containsExactly("sh", "-c", "echo $HOME; x");
        assertThat(CommandLineSplitter.split("a \"b \\\"c\\\" d\" e\\ f")).containsExactly("a", "b \"c\" d", "e f");
        assertThat(CommandLineSplitter.split("x''y \"\"")).containsExactly("xy", "");
    }

    @Test
    void rejectsUnfinishedQuotingAndEmptyLines() {
        assertThatThrownBy(() -> CommandLineSplitter.split("a \"b")).hasMessageContaining("unterminated double quote at character 3");
        assertThatThrownBy(() -> CommandLineSplitter.split("a\\")).hasMessageContaining("trailing backslash");
        assertThatThrownBy(() -> CommandLineSplitter.split("   ")).hasMessageContaining("expected a command line");
    }
}
