package dev.greenlight.ui.troubleshoot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CommandExecutionTest {
    @TempDir
    Path dir;

    @Test
    void runsInTheCheckoutAndReportsOutputAndExitCode() throws Exception {
        Files.writeString(dir.resolve("marker.txt"), "x");
        CommandExecution ex = CommandExecution.start("ls; echo oops >&2; exit 3", dir);
        CommandExecution.Outcome o = ex.outcome().get(20, TimeUnit.SECONDS);
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.stopped()).isFalse();
        assertThat(ex.drain()).contains("marker.txt").contains("oops");
    }

    @Test
    void stopEndsALongCommand() throws Exception {
        CommandExecution ex = CommandExecution.start("echo started; sleep 30", dir);
        StringBuilder out = new StringBuilder();
        while (!out.toString().contains("started")) {
            out.append(ex.drain());
            Thread.sleep(20);
        }
        ex.stop();
        CommandExecution.Outcome o = ex.outcome().get(20, TimeUnit.SECONDS);
        assertThat(o.stopped()).isTrue();
        assertThat(o.exitCode()).isEqualTo(-1);
    }
}
