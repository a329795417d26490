package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileExistsRunnerTest {
    @TempDir
    Path dir;

    private Result run(List<String> paths) {
        LocalFixture fx = new LocalFixture(dir).write("fn/pkg/app.py", "def handler(e, c):\n    return e\n");
        return new FileExistsRunner().run(new FileExistsRunner.Spec(paths, null), fx.ctx());
    }

    @Test
    void aDirectoryWhereAFileIsExpectedIsNamedAsSuchNotAsMissing() {
        Result r = run(List.of("fn/pkg"));

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).isEqualTo("Not a regular file: fn/pkg.");
    }

    @Test
    void aMissingFileIsMissingAndAPresentOnePasses() {
        assertThat(run(List.of("fn/pkg/gone.py")).reason()).isEqualTo("Missing: fn/pkg/gone.py.");
        assertThat(run(List.of("fn/pkg/app.py")).status()).isEqualTo(Status.PASS);
    }
}
