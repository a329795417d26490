package dev.greenlight.ui;

import dev.greenlight.files.AppDirs;
import dev.greenlight.app.DialogService;
import dev.greenlight.app.MainWindow;
import dev.greenlight.engine.Status;
import dev.greenlight.report.GoNoGoRecord;
import dev.greenlight.store.SessionStore;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.walkthrough.WalkthroughView;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.greenlight.TestGit.commitAll;
import static dev.greenlight.TestGit.initAndCommit;
import static dev.greenlight.TestGit.write;
import static dev.greenlight.ui.MainWindowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release manager's walk through the real window: sign-offs bound to the commit and stage they were
 * made on, a new ERROR that no old sign-off hides, deliberate and reversible signing, a record that
 * follows the checkout, and one-of groups counted once (issue 15, findings 1-4 and 7).
 */
@ExtendWith(ApplicationExtension.class)
class SignOffWindowTest {
    static final String CHECKLIST = """
            id: demo-release
            title: Demo release walkthrough
            vars:
              stage: dev
              backend: backend
            sections:
              - id: template
                title: SAM template
                items:
                  - id: template-present
                    title: SAM template and v3 ASL are in the checkout
                    check:
                      type: file-exists
                      paths: ["${backend}/template.yaml", "${backend}/src/aws_step_functions_v3.json"]
              - id: image
                title: Container image
                items:
                  - id: dockerfile-v3
                    title: Dockerfile for the v3 image exists
                    check:
                      type: file-exists
                      paths: ["${backend}/Dockerfile.v3"]
                  - id: image-pushed
                    title: ECR holds the image tagged with this commit's sha
                    needs: [dockerfile-v3]
                    check:
                      type: file-exists
                      paths: ["../registry/${stage}/backend.tar"]
              - id: deploy
                title: Deploy
                items:
                  - id: trigger-push
                    title: "Automatic: push to main"
                    manual: true
                    one-of: deploy-trigger
                  - id: trigger-github-ui
                    title: "Manual: run Backend Deploy from the GitHub UI"
                    manual: true
                    one-of: deploy-trigger
                  - id: trigger-local-sam
                    title: "Local sam deploy (for testing)"
                    manual: true
                    one-of: deploy-trigger
                  - id: smoke-test
                    title: Run one workflow end to end in the console
                    manual: true
            """;

    @TempDir
    Path tmp;
    UiFixture fixture;
    MainWindow window;
    String firstHead;

    @Start
    void start(Stage stage) throws Exception {
        fixture = new UiFixture(tmp);
        Files.writeString(fixture.checklist, CHECKLIST);
        firstHead = initAndCommit(fixture.checkout, "v3.3 unified pipe");
        window = new MainWindow(stage, fixture.config(null), new DialogService(), url -> { });
        window.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.close());
        fixture.restoreHome();
    }

    private ItemState item(String id) {
        return window.viewModel().item(id).orElseThrow();
    }

    private WalkthroughView walkthrough(FxRobot robot) throws Exception {
        await(() -> window.viewModel() != null);
        robot.clickOn("#mode-walkthrough");
        await(() -> window.viewModel().lastReportProperty().get() != null && !window.viewModel().isRunning());
        return robot.lookup("#walkthrough").queryAs(WalkthroughView.class);
    }

    private void signInWalkthrough(FxRobot robot, WalkthroughView wt, String itemId, String note) throws Exception {
        robot.interact(() -> wt.model().goTo(itemId));
        robot.clickOn("#wt-note").write(note);
        robot.clickOn("#wt-done");
        await(() -> item(itemId).signedOff());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Finding 1 and 2: a sign-off holds only on its commit and stage, and never hides a newer ERROR. */
    @Test
    void signOffsGoStaleOnANewCommitOrStageAndNeverHideANewError(FxRobot robot) throws Exception {
        WalkthroughView wt = walkthrough(robot);
        assertThat(item("image-pushed").status()).isEqualTo(Status.SKIP);
        signInWalkthrough(robot, wt, "image-pushed", "checked in the ECR console: tag " + firstHead.substring(0, 7) + " is there");
        signInWalkthrough(robot, wt, "smoke-test", "started wf-42 in the console; SUCCEEDED in 41 s");
        assertThat(item("image-pushed").status()).isEqualTo(Status.DONE);

        // the Dockerfile comes back: the image item now runs, and fails to evaluate
        Files.writeString(fixture.checkout.resolve("backend/Dockerfile.v3"), "FROM public.ecr.aws/lambda/python:3.12\n");
        robot.interact(() -> window.viewModel().runAll());
        await(() -> !window.viewModel().isRunning() && item("image-pushed").result().status() == Status.ERROR);
        assertThat(item("image-pushed").status()).as("the tree shows the newest verdict").isEqualTo(Status.ERROR);
        robot.interact(() -> wt.model().goTo("image-pushed"));
        assertThat(text(robot, "#walkthrough-verdict")).endsWith("ERROR");
        assertThat(window.viewModel().countsProperty().get().count(Status.ERROR)).isEqualTo(1);
        robot.interact(() -> window.viewModel().filterStatuses().add(Status.ERROR));
        assertThat(window.viewModel().matchesFilter(item("image-pushed"))).isTrue();
        robot.interact(() -> window.viewModel().filterStatuses().clear());
        assertThat(item("image-pushed").staleSignOff()).contains("the verdict it was signed over changed (SKIP then, ERROR now");

        // a new commit while the window is open: the smoke test was watched on the old one
        Files.writeString(fixture.checkout.resolve("backend/Dockerfile.v3"), "FROM public.ecr.aws/lambda/python:3.13\n");
        String newHead = commitAll(fixture.checkout, "python 3.13");
        robot.clickOn("#mode-checklist").clickOn("#mode-walkthrough");
        await(() -> item("smoke-test").status() == Status.MANUAL);
        assertThat(item("smoke-test").staleSignOff()).contains("signed on " + firstHead.substring(0, 7))
                .contains("now " + newHead.substring(0, 7));
        robot.interact(() -> wt.model().goTo("smoke-test"));
        assertThat(text(robot, "#wt-signed")).startsWith("Stale sign-off: signed on " + firstHead.substring(0, 7));

        // signed again on the new commit, then the stage changes to prod
        robot.clickOn("#wt-note").write("wf-43 on " + newHead.substring(0, 7) + ": SUCCEEDED");
        robot.clickOn("#wt-done");
        await(() -> item("smoke-test").status() == Status.DONE);
        robot.interact(() -> window.contextViewModel().variables().stream().filter(v -> v.name().equals("stage"))
                .findFirst().orElseThrow().valueProperty().set("prod"));
        await(() -> item("smoke-test").status() == Status.MANUAL);
        assertThat(item("smoke-test").staleSignOff()).contains("signed on " + newHead.substring(0, 7) + " / stage=dev; now "
                + newHead.substring(0, 7) + " / stage=prod");

        // the record is rebuilt on prod and carries no sign-off made on dev
        robot.clickOn("#wt-finish");
        await(() -> robot.lookup("#record-decision").tryQuery().isPresent());
        GoNoGoRecord r = wt.model().recordProperty().get();
        assertThat(r.stage()).isEqualTo("prod");
        assertThat(r.gitSha()).isEqualTo(newHead);
        assertThat(r.signOffs()).isEmpty();
        assertThat(r.blockers()).contains("smoke-test: waiting for a sign-off");
    }

    /** Finding 3: a note is required, a double-click signs one item, a sign-off can be taken back, one note box. */
    @Test
    void signingIsDeliberateAndReversible(FxRobot robot) throws Exception {
        WalkthroughView wt = walkthrough(robot);
        robot.interact(() -> wt.model().goTo("trigger-push"));
        assertThat(robot.lookup("#wt-done").queryAs(Button.class).isDisabled()).as("no note, no sign-off").isTrue();
        assertThat(robot.lookup("#sign-off-note").tryQuery()).as("one note box for a sign-off").isEmpty();
        robot.interact(() -> wt.model().markDone("   "));
        assertThat(item("trigger-push").signOff()).isNull();
        assertThat(text(robot, "#wt-message")).startsWith("Write in the note what you checked");

        robot.clickOn("#wt-note").write("pushed to main, run 118 green");
        robot.doubleClickOn("#wt-done");
        await(() -> item("trigger-push").signedOff());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(); // both clicks handled
        assertThat(item("trigger-github-ui").signOff()).as("the second click of a double-click signs nothing").isNull();

        robot.interact(() -> wt.model().goTo("trigger-push"));
        robot.clickOn("#wt-retract");
        await(() -> item("trigger-push").signOff() == null);
        window.viewModel().flush();
        SessionStore store = SessionStore.open(AppDirs.data(), "demo-release", fixture.checkout);
        assertThat(store.audit()).extracting(SessionStore.AuditEntry::action, SessionStore.AuditEntry::itemId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("signed", "trigger-push"),
                        org.assertj.core.groups.Tuple.tuple("retracted", "trigger-push"));

        // in the checklist, a signed item says who signed, not that it waits for a person
        signInWalkthrough(robot, wt, "smoke-test", "wf-42 SUCCEEDED");
        robot.clickOn("#mode-checklist");
        robot.interact(() -> robot.lookup("#checklist").queryAs(ChecklistView.class).select("smoke-test"));
        await(() -> robot.lookup("#verdict-reason").tryQuery().isPresent());
        assertThat(text(robot, "#verdict-reason")).startsWith("Signed off by ").endsWith(": wf-42 SUCCEEDED");
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).noneMatch(l -> l.getText() != null
                && l.getText().contains("Waiting for a person"));
    }

    /** Findings 4 and 7: the record follows the checkout, and one of three deploy triggers is enough. */
    @Test
    void theRecordGoesOutOfDateWithANewCommitAndOneTriggerIsEnough(FxRobot robot) throws Exception {
        WalkthroughView wt = walkthrough(robot);
        assertThat(text(robot, "#walkthrough-progress")).startsWith("1 of 5 verified");
        signInWalkthrough(robot, wt, "trigger-github-ui", "ran Backend Deploy on main from the Actions tab");
        assertThat(item("trigger-push").notNeeded()).isEqualTo("Not needed: trigger-github-ui met the one-of group deploy-trigger.");
        assertThat(text(robot, "#walkthrough-progress")).startsWith("2 of 5 verified");

        robot.clickOn("#wt-finish");
        await(() -> robot.lookup("#record-decision").tryQuery().isPresent());
        GoNoGoRecord first = wt.model().recordProperty().get();
        assertThat(first.blockers()).noneMatch(b -> b.startsWith("trigger-") || b.startsWith("deploy-trigger"));
        assertThat(robot.lookup("#record-out-of-date").tryQuery()).isEmpty();

        Files.writeString(fixture.checkout.resolve("backend/template.yaml"), UiFixture.TEMPLATE + "# v3.3.1\n");
        String newHead = commitAll(fixture.checkout, "template comment");
        robot.clickOn("#mode-checklist").clickOn("#mode-walkthrough");
        await(() -> robot.lookup("#record-out-of-date").tryQuery().isPresent());
        assertThat(text(robot, "#record-out-of-date")).startsWith("The record is out of date: HEAD " + firstHead.substring(0, 7)
                + " then, " + newHead.substring(0, 7) + " now");
        assertThat(robot.lookup("#record-export-json").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#record-export-md").queryAs(Button.class).isDisabled()).isTrue();

        robot.clickOn("#record-rebuild");
        await(() -> wt.model().recordProperty().get() != null && newHead.equals(wt.model().recordProperty().get().gitSha()));
        assertThat(robot.lookup("#record-out-of-date").tryQuery()).isEmpty();
        assertThat(robot.lookup("#record-export-json").queryAs(Button.class).isDisabled()).isFalse();
    }
}
