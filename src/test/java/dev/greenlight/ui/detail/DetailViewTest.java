package dev.greenlight.ui.detail;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.Checklist;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.ui.MainWindowTest;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The detail pane on its own, with an item whose check could not be evaluated against AWS. */
@ExtendWith(ApplicationExtension.class)
class DetailViewTest {
    /** Answers like an AWS runner denied by IAM: ERROR with the API call, the resource and the advice. */
    static final class DeniedRunner implements Runner<DeniedRunner.Spec> {
        record Spec(@JsonProperty(required = true) String function) {
        }

        @Override
        public String type() {
            return "denied";
        }

        @Override
        public Class<Spec> specType() {
            return Spec.class;
        }

        @Override
        public Result run(Spec spec, RunContext ctx) {
            return Result.error("AccessDeniedException: not allowed to call lambda:GetFunctionConfiguration.")
                    .expected("the function's configuration").actual("HTTP 403")
                    .evidence(Evidence.aws("lambda:GetFunctionConfiguration",
                            "arn:aws:lambda:eu-west-1:123456789012:function:" + spec.function(), "eu-west-1", "403"))
                    .note("Grant lambda:GetFunctionConfiguration on the function to the caller.").build();
        }
    }

    @TempDir
    Path checkout;
    final List<String> opened = new CopyOnWriteArrayList<>();
    ChecklistViewModel vm;
    DetailView view;

    @Start
    void start(Stage stage) {
        RunnerRegistry registry = new RunnerRegistry().register(new DeniedRunner());
        String yaml = """
                id: d
                title: D
                sections:
                  - id: lambda
                    title: Lambda
                    items:
                      - id: init-config
                        title: InitializeStateData has the v3 handler
                        check: {type: denied, function: wf-dev-init}
                      - id: watch-execution
                        title: Watch one execution finish in the console
                        why: A person starts one execution and watches it finish.
                        manual: true
                      - id: samconfig
                        title: samconfig.toml is committed (trying this out)
                        gate: false
                        check: {type: denied, function: wf-dev-sam}
                      - id: init-logs
                        title: InitializeStateData logs no error
                        manual: true
                        logs:
                          - function: InitializeStateDataFunction
                """;
        Checklist c = new ChecklistLoader(registry).parse(yaml.getBytes(StandardCharsets.UTF_8), "d.yaml").checklist().orElseThrow();
        vm = new ChecklistViewModel(c, null, dev.greenlight.app.FxBridge.FX, (only, risky, l) -> Greenlight.prepare(registry, c,
                RunOptions.defaults(checkout).withOnly(only), AwsSettings.DEFAULT, l));
        view = new DetailView(context(), arn -> dev.greenlight.app.AwsConsole.url(arn, null));
        stage.setScene(new Scene(view, 900, 700));
        stage.show();
    }

    @Test
    void aLogGroupThatCannotBeNamedIsOneSentenceWithTheSdkTextFoldedUnderDetails(FxRobot robot) throws Exception {
        robot.interact(() -> view.show(vm.item("init-logs").orElseThrow()));
        MainWindowTest.await(() -> robot.lookup("#logs-holder .folded-sentence").tryQuery().isPresent());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node holder = robot.lookup("#logs-holder").query();
        assertThat(robot.from(holder).lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Greenlight could not name this item's log group, so no log can be shown. Check the AWS profile and"
                        + " region in the context bar (and that the stack is deployed), then select the item again.")
                .noneMatch(t -> t.contains("Status Code") || t.contains("Cannot name the log group"));
        javafx.scene.control.TitledPane details = robot.from(holder).lookup(".folded-details").queryAs(javafx.scene.control.TitledPane.class);
        assertThat(details.isExpanded()).isFalse();
        assertThat(((javafx.scene.control.TextArea) details.getContent()).getText())
                .contains("the log group of InitializeStateDataFunction", "Stack with id wf-dev does not exist", "Status Code: 400");
    }

    @Test
    void anErrorStaysInItsPaneWithTheAdviceAndTheAwsResourceOpensInTheConsole(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.show(vm.item("init-config").orElseThrow());
            vm.runAll();
        });
        MainWindowTest.await(() -> vm.item("init-config").orElseThrow().status() == Status.ERROR
                && robot.lookup(".evidence-aws").tryQuery().isPresent());
        assertThat(robot.lookup("#verdict-reason").queryAs(Label.class).getText())
                .isEqualTo("AccessDeniedException: not allowed to call lambda:GetFunctionConfiguration.");
        assertThat(robot.lookup(".verdict-note").queryAs(Label.class).getText())
                .contains("Grant lambda:GetFunctionConfiguration");
        assertThat(robot.from(robot.lookup(".evidence-aws").queryAs(javafx.scene.Node.class)).lookup(".label").queryAllAs(Label.class))
                .extracting(Label::getText).contains("API call", "lambda:GetFunctionConfiguration", "Region", "eu-west-1");
        robot.clickOn(robot.lookup(".evidence-aws .hyperlink").queryAs(Hyperlink.class));
        assertThat(opened).containsExactly(
                "https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/wf-dev-init");
    }

    @Test
    void aNoteBeingTypedForASignOffSurvivesARunThatChangesTheItem(FxRobot robot) throws Exception {
        robot.interact(() -> view.show(vm.item("watch-execution").orElseThrow()));
        MainWindowTest.await(() -> robot.lookup("#sign-off-note").tryQuery().isPresent());
        javafx.scene.control.TextField note = robot.lookup("#sign-off-note").queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(note).write("execution abc-1");
        javafx.scene.Node verdictBefore = robot.lookup(".verdict").query();
        // the run gives the manual item its MANUAL verdict: the pane shows it, the note field stays
        robot.interact(vm::runAll);
        MainWindowTest.await(() -> !vm.isRunning() && vm.lastReportProperty().get() != null);
        robot.interact(() -> { }); // a rebuild queued by the run's last changes has run
        MainWindowTest.await(() -> robot.lookup(".verdict").query() != verdictBefore);
        assertThat(robot.lookup("#sign-off-note").queryAs(javafx.scene.control.TextField.class))
                .as("the same field, not a new one").isSameAs(note);
        assertThat(note.getText()).isEqualTo("execution abc-1");
        assertThat(note.isFocused()).isTrue();
    }

    @Test
    void aWatchingItemSaysWhatTheHistorySaysOfItAndAGatingOneSaysNothing(FxRobot robot) throws Exception {
        robot.interact(() -> view.show(vm.item("samconfig").orElseThrow()));
        MainWindowTest.await(() -> robot.lookup("#watch-hint").tryQuery().isPresent()
                && robot.lookup("#watch-hint").queryAs(Label.class).getText().startsWith("Watching item samconfig was green"));
        robot.interact(() -> view.show(vm.item("init-config").orElseThrow())); // show() rebuilds the pane at once
        assertThat(robot.lookup("#watch-hint").tryQuery()).isEmpty();
    }

    private DetailContext context() {
        Executor direct = Runnable::run;
        return new DetailContext() {
            @Override
            public String watchHint(String itemId) {
                return "Watching item " + itemId + " was green in the last 5 complete runs: consider making it gating.";
            }

            public Path checkout() {
                return checkout;
            }

            public Variables variables() {
                return Variables.of(Map.of());
            }

            public Executor background() {
                return direct;
            }

            public Executor fx() {
                return dev.greenlight.app.FxBridge.FX;
            }

            public Executor fxNextTurn() {
                return dev.greenlight.app.FxBridge.NEXT_TURN;
            }

            public void openFile(String rel, int line) {
                opened.add(rel + ":" + line);
            }

            public void openUrl(String url) {
                opened.add(url);
            }

            public boolean confirm(String title, String message) {
                return true;
            }

            public LogTailFactory logTails() {
                return null;
            }

            public String logGroup(dev.greenlight.model.LogSource source) {
                if (source.function() != null) {
                    // what the app's stack lookup throws when the stack is not there
                    throw new IllegalStateException("Stack with id wf-dev does not exist"
                            + " (Service: CloudFormation, Status Code: 400, Request ID: null)");
                }
                return source.group();
            }

            public String logTailsUnavailable() {
                return "no tails";
            }

            public Instant deployTime() {
                return null;
            }

            public String awsAccountLabel() {
                return "not connected";
            }

            public void tick(String itemId, String note) {
            }

            public void untick(String itemId) {
            }

            public void setNote(String itemId, String note) {
            }

            public String note(String itemId) {
                return "";
            }

            public void runItem(String itemId) {
                vm.runItem(itemId);
            }

            public void runItemAllowing(String itemId) {
                vm.runItemAllowing(itemId);
            }

            public dev.greenlight.engine.Runner.Access access(String type) {
                return dev.greenlight.engine.Runner.Access.READ;
            }
        };
    }
}
