package dev.greenlight.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The checklist loaded while picocli starts is the one the command asks for, or none. */
class EarlyLoadTest {
    @TempDir
    Path dir;

    @Test
    void guessesTheChecklistArgumentAsPicocliReadsIt() {
        assertThat(EarlyLoad.guess(new String[]{"run"})).isEqualTo(ChecklistOption.DEFAULT);
        assertThat(EarlyLoad.guess(new String[]{"run", "--only", "a,b", "-c", "x.yaml"})).isEqualTo("x.yaml");
        assertThat(EarlyLoad.guess(new String[]{"validate", "--checklist=x.yaml"})).isEqualTo("x.yaml");
        assertThat(EarlyLoad.guess(new String[]{"list", "--checklist", "x.yaml"})).isEqualTo("x.yaml");
        assertThat(EarlyLoad.guess(new String[]{"iam-policy", "-cx.yaml"})).isEqualTo("x.yaml");
        assertThat(EarlyLoad.guess(new String[]{"diagnose", "-c=x.yaml", "import error"})).isEqualTo("x.yaml");
        assertThat(EarlyLoad.guess(new String[]{"run", "--", "-c", "x.yaml"})).isEqualTo(ChecklistOption.DEFAULT);
    }

    @Test
    void guessesNothingWhenTheArgumentsAreNotPlain() {
        assertThat(EarlyLoad.guess(new String[]{})).isNull();
        assertThat(EarlyLoad.guess(new String[]{"history"})).isNull();
        assertThat(EarlyLoad.guess(new String[]{"--version"})).isNull();
        assertThat(EarlyLoad.guess(new String[]{"run", "--help"})).isNull();
        assertThat(EarlyLoad.guess(new String[]{"run", "@args.txt"})).isNull();
        assertThat(EarlyLoad.guess(new String[]{"run", "-c", "a.yaml", "-c", "b.yaml"})).isNull();
        assertThat(EarlyLoad.guess(new String[]{"run", "-c"})).isNull();
    }

    @Test
    void aResultIsTakenOnlyForTheSameArgumentAndOnlyOnce() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "id: broken\nsections: [ {id: s, items: [ {id: i, check: {type: no-such-type}} ] } ]\n");
        EarlyLoad.start(new String[]{"validate", "-c", file.toString()});
        assertThat(EarlyLoad.take("another.yaml")).isEmpty();
        assertThat(EarlyLoad.take(file.toString())).as("a mismatch drops the early result").isEmpty();

        EarlyLoad.start(new String[]{"validate", "-c", file.toString()});
        var taken = EarlyLoad.take(file.toString());
        assertThat(taken).isPresent();
        assertThat(taken.get().ok()).isFalse();
        assertThat(taken.get().problems()).anySatisfy(p -> assertThat(p.format()).contains("no-such-type"));
        assertThat(EarlyLoad.take(file.toString())).isEmpty();
    }

    @Test
    void theCommandReportsTheSameWithAndWithoutTheEarlyLoad() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "id: broken\nsections:\n  - id: s\n    items:\n      - id: i\n        check: {type: file-exist, path: x}\n");
        String[] args = {"validate", "-c", file.toString()};
        CliTest.Outcome plain = CliTest.cli(args);
        EarlyLoad.start(args);
        CliTest.Outcome early = CliTest.cli(args);
        assertThat(early).isEqualTo(plain);
        assertThat(plain.code()).isEqualTo(GreenlightCommand.ERROR);
        assertThat(plain.out()).contains("broken.yaml:6").contains("file-exists");
    }
}
