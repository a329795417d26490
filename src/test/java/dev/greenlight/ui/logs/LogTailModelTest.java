package dev.greenlight.ui.logs;

import dev.greenlight.ui.TestLogTail;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tail's model without the toolkit: pump() is what the view calls once per frame. */
class LogTailModelTest {
    final TestLogTail tail = new TestLogTail(100_000);

    @Test
    void drainsAtMostOneBatchPerFrameAndKeepsOnlyTheNewestLines() {
        LogTailModel m = new LogTailModel(1_000, 300);
        m.start(() -> tail);
        for (int i = 1; i <= 2_000; i++) {
            tail.add("g", i, "line " + i, "e" + i);
        }
        assertThat(m.pump()).isEqualTo(300);
        assertThat(m.lines()).hasSize(300);
        while (m.pump() > 0) {
            assertThat(m.lines().size()).isLessThanOrEqualTo(1_000);
        }
        assertThat(m.lines()).hasSize(1_000);
        assertThat(m.lines().get(0).message()).isEqualTo("line 1001");
        assertThat(m.trimmedProperty().get()).isEqualTo(1_000);
        assertThat(m.receivedProperty().get()).isEqualTo(2_000);
    }

    @Test
    void errorLinesAreFlaggedAndTheFilterIsCaseInsensitive() {
        LogTailModel m = new LogTailModel();
        m.start(() -> tail);
        tail.add("g", 1, "[INFO] merged 3 states", "1");
        tail.add("g", 2, "[ERROR] KeyError: 'execution_id'", "2");
        tail.add("g", 3, "Task timed out after 30.03 seconds", "3");
        m.pump();
        assertThat(m.lines()).extracting(LogLine::error).containsExactly(false, true, true);
        m.filterProperty().set("keyerror");
        assertThat(m.visible()).extracting(LogLine::message).containsExactly("[ERROR] KeyError: 'execution_id'");
    }

    @Test
    void aTailThatCannotStartSaysWhatToDoAndFoldsTheSdkText() {
        LogTailModel m = new LogTailModel();
        m.start(() -> {
            throw new IllegalStateException("AccessDeniedException: logs:FilterLogEvents (Service: CloudWatchLogs, Status Code: 400, Request ID: null)");
        });
        assertThat(m.followingProperty().get()).isFalse();
        assertThat(m.statusProperty().get())
                .isEqualTo("The log tail could not start. Check the AWS profile and region in the context bar, then start the tail again.")
                .doesNotContain("AccessDenied", "Status Code");
        assertThat(m.detailProperty().get()).contains("AccessDeniedException: logs:FilterLogEvents", "Status Code: 400");
    }

    @Test
    void stoppingClosesTheTail() {
        LogTailModel m = new LogTailModel();
        m.start(() -> tail);
        m.stop();
        assertThat(tail.isRunning()).isFalse();
        assertThat(m.followingProperty().get()).isFalse();
    }
}
