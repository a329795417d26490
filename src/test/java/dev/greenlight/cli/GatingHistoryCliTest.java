package dev.greenlight.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Watching items through the CLI: exit code, report marks, the promotion hint in history, and history trimming. */
class GatingHistoryCliTest {
    @TempDir
    Path home;
    @TempDir
    Path checkout;
    @TempDir
    Path work;

    private Path checklist;
    private String previousHome;
    private String out;
    private String err;

    @BeforeEach
    void setUp() throws Exception {
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", home.toString());
        Files.createDirectories(checkout.resolve("backend"));
        Files.writeString(checkout.resolve("backend/template.yaml"), "Resources: {}\n");
        checklist = work.resolve("gating-demo.yaml");
        Files.writeString(checklist, """
                id: gating-demo
                title: Gating demo
                vars:
                  backend: backend
                  stage: dev
                sections:
                  - id: files
                    title: Files
                    items:
                      - id: template
                        title: The template is there
                        check: {type: file-exists, paths: ["${backend}/template.yaml"]}
                      - id: samconfig
                        title: A samconfig.toml is committed (trying this check out)
                        gate: false
                        check: {type: file-exists, paths: ["${backend}/samconfig.toml"]}
                """);
    }

    @AfterEach
    void tearDown() {
        dev.greenlight.ui.UiFixture.restore("greenlight.home", previousHome);
    }

    private int cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = GreenlightCommand.execute(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--checklist", checklist.toString(), "--checkout", checkout.toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    private void samconfig() throws Exception {
        Files.writeString(checkout.resolve("backend/samconfig.toml"), "version = 0.1\n");
    }

    @Test
    void aFailingWatchingItemIsReportedAsWatchingAndNeverChangesTheExitCode() {
        assertThat(run()).as(err).isZero();
        assertThat(out).contains("FAIL   A samconfig.toml is committed (trying this check out)  [samconfig]  (watching: never blocks)");
        assertThat(run("--format", "junit")).isZero();
        assertThat(out).contains("failures=\"0\"").contains("<skipped message=\"FAIL (watching: never blocks): Missing: backend/samconfig.toml");
        assertThat(run("--format", "json")).isZero();
        assertThat(out).contains("\"gate\" : false").contains("\"exitCode\" : 0");
    }

    @Test
    void theSameItemGatingFailsTheRun() throws Exception {
        Files.writeString(checklist, Files.readString(checklist).replace("gate: false", "gate: true"));
        assertThat(run()).isEqualTo(1);
    }

    @Test
    void historySuggestsGatingAWatchingItemAfterNGreenCompleteRunsAndNotBefore() throws Exception {
        samconfig();
        assertThat(run()).isZero();
        assertThat(run()).isZero();
        assertThat(run("--only", "samconfig")).isZero(); // a partial run says nothing about the release
        assertThat(cli("history", "-c", "gating-demo", "--promote-after", "3")).isZero();
        assertThat(out).contains("watching: Watching item samconfig (gate: false, never blocks): green in 2 consecutive complete runs;"
                + " gating is suggested after 3.").doesNotContain("suggestion:");
        assertThat(run()).isZero();
        assertThat(cli("history", "-c", "gating-demo", "--promote-after", "3")).isZero();
        assertThat(out).contains("suggestion: Watching item samconfig was green in the last 3 complete runs: consider making it gating");
    }

    @Test
    void aRedRunEndsTheStreak() throws Exception {
        samconfig();
        assertThat(run()).isZero();
        assertThat(run()).isZero();
        Files.delete(checkout.resolve("backend/samconfig.toml"));
        assertThat(run()).isZero();
        samconfig();
        assertThat(run()).isZero();
        assertThat(cli("history", "-c", "gating-demo", "--promote-after", "3")).isZero();
        assertThat(out).contains("green in 1 consecutive complete run;").doesNotContain("suggestion:");
    }

    @Test
    void historyOfAChecklistItHasNoRunsOfIsBadInputNamingTheKnownOnes() {
        assertThat(run()).isZero();
        assertThat(cli("history", "-c", "gating-dem")).isEqualTo(2);
        assertThat(err).contains("no checklist 'gating-dem' in the history at ").contains("did you mean 'gating-demo'?")
                .contains("known: gating-demo");
        assertThat(out).doesNotContain("RUN ");
    }

    @Test
    void theHistoryKeepsTheLastNRunsPerChecklistAndSaysWhenItDeletes() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(run("--keep-runs", "2")).isZero();
        }
        assertThat(err).contains("deleted the 1 oldest run of gating-demo: the history keeps the last 2 per checklist");
        try (Stream<Path> files = Files.list(home.resolve("greenlight/history/gating-demo"))) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("\\d{4}-.*\\.json"))).hasSize(2);
        }
        assertThat(cli("history", "-c", "gating-demo")).isZero();
        assertThat(out.lines().filter(l -> l.startsWith("20"))).hasSize(2);
    }

    @Test
    void aVarWithoutAnEqualsSignIsSaidOnceAndWithAnExample() {
        assertThat(run("--var", "stage")).isEqualTo(2);
        assertThat(err).doesNotContain("option option").contains("--var stage: expected NAME=VALUE, e.g. --var stage=prod");
    }

    @Test
    void aVarTheChecklistDoesNotHaveIsWarnedWithTheNearestNameAndTheListButAFoundValueIsNot() {
        assertThat(run("--var", "stag=prod", "--var", "git.sha=0123456")).isZero();
        assertThat(err).contains("warning: --var stag is not a variable of gating-demo, so it changes nothing (did you mean 'stage'?);"
                + " its variables: backend, stage").doesNotContain("--var git.sha");
    }
}
