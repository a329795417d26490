package dev.greenlight.hostile;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.greenlight.hostile.HostileCheckouts.assertPlain;
import static dev.greenlight.hostile.HostileCheckouts.checkThreadsLeft;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every local runner refuses a path that leaves the checkout, whether by {@code ../}, by a symlinked
 * file or by a symlinked directory: ERROR naming "outside the checkout". The outside file holds text
 * that would satisfy each check, so an item that read it would PASS instead.
 */
class OutsideCheckoutTest {
    /** One item per local runner type; {@code ${target}} is the path under test. */
    private static final String CHECKLIST = """
            id: outside
            title: Paths outside the checkout
            vars:
              target: ../outside.txt
            sections:
              - id: out
                title: Out
                items:
                  - {id: file-exists, title: t, check: {type: file-exists, paths: ["${target}"]}}
                  - {id: file-exists-glob, title: t, check: {type: file-exists, paths: ["${target}*"]}}
                  - {id: text, title: t, check: {type: text, file: "${target}", literal: "FROM"}}
                  - {id: python-import, title: t, check: {type: python-import, file: "${target}", module: os}}
                  - {id: python-call, title: t, check: {type: python-call, file: "${target}", function: print}}
                  - {id: dockerfile, title: t, check: {type: dockerfile, file: "${target}", instruction: FROM}}
                  - {id: workflow-step, title: t, check: {type: workflow-step, file: "${target}", step: Build}}
                  - {id: workflow-run, title: t, check: {type: workflow-run, file: "${target}", command: sam deploy}}
                  - {id: workflow-trigger, title: t, check: {type: workflow-trigger, file: "${target}", event: push}}
                  - {id: git-tracked, title: t, check: {type: git-tracked, paths: ["${target}"]}}
                  - {id: git-not-ignored, title: t, check: {type: git-not-ignored, paths: ["${target}"]}}
                  - {id: command, title: t, check: {type: command, argv: [cat, outside.txt], cwd: "${target}"}}
                  - {id: cfn-property, title: t, check: {type: cfn-property, template: "${target}", resource: R, path: Type, exists: true}}
                  - {id: cfn-substitutions, title: t, check: {type: cfn-substitutions, template: "${target}", resource: R}}
                  - {id: cfn-parameters, title: t, check: {type: cfn-parameters, template: "${target}", names: [P]}}
                  - {id: json, title: t, check: {type: json, file: "${target}"}}
                  - {id: lambda-handler, title: t, check: {type: lambda-handler, template: "${target}", resource: R}}
            """;

    /** Valid JSON and YAML that mentions what several checks look for, so reading it would not fail on its own. */
    private static final String OUTSIDE = """
            {"FROM": "x", "R": {"Type": "AWS::SNS::Topic"}, "import os": 1, "print()": 1, "jobs": {}}
            """;

    @TempDir
    Path dir;

    @AfterEach
    void noThreadLeft() throws Exception {
        assertThat(checkThreadsLeft()).isZero();
    }

    private Checklist checklist() {
        LoadResult r = Greenlight.loader().parse(CHECKLIST.getBytes(StandardCharsets.UTF_8), "outside.yaml");
        assertThat(r.problems()).isEmpty();
        return r.checklist().orElseThrow();
    }

    private Path checkout() throws IOException {
        Path co = SampleCheckout.materialise(dir.resolve("checkout"));
        Files.writeString(dir.resolve("outside.txt"), OUTSIDE);
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(dir.resolve("elsewhere/outside.txt"), OUTSIDE);
        return co;
    }

    private RunReport run(Path co, String target) {
        return HostileCheckouts.run(checklist(), RunOptions.defaults(co).withAllowCommands(true)
                .withOverrides(Map.of("target", target)));
    }

    private static void allRefused(RunReport r) {
        assertThat(r.results()).hasSize(17);
        for (ItemResult ir : r.results()) {
            assertPlain(ir);
            assertThat(ir.status()).as(ir.itemId() + ": " + ir.result().reason()).isEqualTo(Status.ERROR);
            assertThat(ir.result().reason()).as(ir.itemId()).contains("outside the checkout");
        }
    }

    @Test
    void theChecklistHasOneItemForEveryLocalRunnerType() {
        Set<String> local = Greenlight.registry().all().stream()
                .filter(r -> r.getClass().getPackageName().endsWith(".local"))
                .map(Runner::type).collect(Collectors.toSet());
        Set<String> covered = checklist().sections().get(0).items().stream().map(i -> i.check().type()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(local);
    }

    @Test
    void dotDotIsRefusedByEveryRunner() throws IOException {
        allRefused(run(checkout(), "../outside.txt"));
    }

    @Test
    void aSymlinkToEtcHostnameIsRefusedByEveryRunner() throws IOException {
        Path co = checkout();
        Path hostname = Path.of("/etc/hostname");
        Path target = Files.exists(hostname) ? hostname : dir.resolve("outside.txt");
        Files.createSymbolicLink(co.resolve("hostname"), target);
        allRefused(run(co, "hostname"));
    }

    @Test
    void aSymlinkToAFileOutsideIsRefusedByEveryRunner() throws IOException {
        Path co = checkout();
        Files.createSymbolicLink(co.resolve("inside.txt"), dir.resolve("outside.txt"));
        allRefused(run(co, "inside.txt"));
    }

    @Test
    void aSymlinkedDirectoryLeadingOutIsRefusedByEveryRunner() throws IOException {
        Path co = checkout();
        Files.createSymbolicLink(co.resolve("linked"), dir.resolve("elsewhere"));
        allRefused(run(co, "linked/outside.txt"));
    }

    @Test
    void aGlobDoesNotCountALinkThatLeadsOut() throws IOException {
        Path co = checkout();
        Files.createSymbolicLink(co.resolve("analemma-workflow-os/backend/src/evil.json"), dir.resolve("outside.txt"));
        RunReport r = run(co, "analemma-workflow-os/backend/src/evil.j");
        ItemResult glob = r.results().stream().filter(i -> i.itemId().equals("file-exists-glob")).findFirst().orElseThrow();
        assertPlain(glob);
        assertThat(glob.status()).as(glob.result().reason()).isIn(Status.FAIL, Status.ERROR);
        assertThat(List.of(glob.result().reason(), String.valueOf(glob.result().actual()))).noneMatch(s -> s.contains("all present"));
    }
}
