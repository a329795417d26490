package dev.greenlight.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void refusesPathsThatLeaveTheCheckout() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.writeString(dir.resolve("secret.txt"), "x");
        Files.createSymbolicLink(checkout.resolve("link"), dir);
        Workspace ws = new Workspace(checkout);
        assertThatThrownBy(() -> ws.read("../secret.txt")).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.OUTSIDE_CHECKOUT));
        assertThatThrownBy(() -> ws.read("link/secret.txt")).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.OUTSIDE_CHECKOUT));
    }

    @Test
    void reportsBinaryOversizedAndMissingFilesByKind() throws Exception {
        Files.write(dir.resolve("bin"), new byte[]{1, 0, 2});
        Files.write(dir.resolve("big"), new byte[2048]);
        Workspace ws = new Workspace(dir, 1024);
        assertThatThrownBy(() -> ws.read("bin")).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.BINARY));
        assertThatThrownBy(() -> ws.read("big")).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.TOO_LARGE));
        assertThatThrownBy(() -> ws.read("nope")).isInstanceOfSatisfying(WorkspaceException.class,
                e -> assertThat(e.toResult("x").status()).isEqualTo(Status.FAIL));
    }

    @Test
    void jsonSyntaxErrorsCarryLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\n  \"a\": 1,\n  \"b\": }\n");
        Workspace ws = new Workspace(dir);
        assertThatThrownBy(() -> ws.json("a.json")).isInstanceOfSatisfying(WorkspaceException.class, e -> {
            assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.SYNTAX);
            assertThat(e.location().line()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("a.json:3:");
        });
    }

    @Test
    void symlinkLoopsAreAnErrorNotAHang() throws Exception {
        Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        Workspace ws = new Workspace(dir);
        assertThatThrownBy(() -> ws.read("a/x")).isInstanceOf(WorkspaceException.class);
    }
}
