package dev.greenlight.ui.charts;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.app.FxBridge;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LogSource;
import dev.greenlight.ui.TestLogTail;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.detail.DetailContext;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static dev.greenlight.ui.MainWindowTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The cold-start chart of a logs-cold-start item, fed through the app's log-tail factory. */
@ExtendWith(ApplicationExtension.class)
class ColdStartPaneTest {
    static final String CHECKLIST = """
            id: cold
            title: Cold starts
            sections:
              - id: perf
                title: Performance
                items:
                  - id: init-cold-start
                    title: InitializeStateData cold starts take under 3 s
                    check:
                      type: logs-cold-start
                      group: /aws/lambda/init-fn
                      since: 2h
                      max-ms: 3000
                  - id: other
                    title: A manual item
                    manual: true
            """;

    @org.junit.jupiter.api.io.TempDir
    Path tmp;
    final TestLogTail tail = new TestLogTail(1000);
    final AtomicReference<String> asked = new AtomicReference<>();
    final AtomicReference<RuntimeException> groupProblem = new AtomicReference<>();
    final Executor background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-background");
        t.setDaemon(true);
        return t;
    });
    ChecklistViewModel vm;
    StackPane root = new StackPane();

    @Start
    void start(Stage stage) throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("cold.yaml"), CHECKLIST, StandardCharsets.UTF_8);
        Checklist c = Greenlight.loader().load(file).checklist().orElseThrow();
        vm = new ChecklistViewModel(c, null, FxBridge.FX, (only, risky, l) -> {
            throw new IllegalStateException("not run here");
        });
        stage.setScene(new Scene(root, 800, 500));
        stage.show();
    }

    private DetailContext ctx(LogTailFactory tails) {
        return new DetailContext() {
            public Path checkout() { return Path.of("."); }
            public Variables variables() { return null; }
            public Executor background() { return background; }
            public Executor fx() { return FxBridge.FX; }
            public Executor fxNextTurn() { return FxBridge.NEXT_TURN; }
            public void openFile(String rel, int line) { }
            public void openUrl(String url) { }
            public boolean confirm(String title, String message) { return false; }
            public LogTailFactory logTails() { return tails; }
            public String logGroup(LogSource source) {
                if (groupProblem.get() != null) {
                    throw groupProblem.get();
                }
                return source.group();
            }
            public String logTailsUnavailable() { return "no AWS here"; }
            public Instant deployTime() { return null; }
            public String awsAccountLabel() { return "none"; }
            public void tick(String itemId, String note) { }
            public void untick(String itemId) { }
            public void setNote(String itemId, String note) { }
            public String note(String itemId) { return ""; }
            public void runItem(String itemId) { }
            public void runItemAllowing(String itemId) { }
            public Runner.Access access(String type) { return Runner.Access.READ; }
        };
    }

    static String report(String id, String init) {
        return "REPORT RequestId: " + id + " Duration: 12.00 ms Billed Duration: 13 ms Memory Size: 2048 MB Max Memory Used: 150 MB"
                + (init == null ? "" : " Init Duration: " + init + " ms");
    }

    @Test
    void chartsTheColdStartsOfTheItemsLogGroupWithTheLimit(FxRobot robot) throws Exception {
        ColdStartPane[] pane = new ColdStartPane[1];
        robot.interact(() -> {
            pane[0] = ColdStartPane.forItem(vm.item("init-cold-start").orElseThrow(), ctx((groups, since, filter) -> {
                asked.set(groups + " " + filter);
                return tail;
            }));
            root.getChildren().setAll(pane[0]);
        });
        await(() -> asked.get() != null);
        assertThat(asked.get()).isEqualTo("[/aws/lambda/init-fn] " + ColdStartPane.FILTER);
        long t = System.currentTimeMillis() - 60_000;
        tail.add("/aws/lambda/init-fn", t, report("a", "812.34"), "1");
        tail.add("/aws/lambda/init-fn", t + 1000, report("warm", null), "2");
        tail.add("/aws/lambda/init-fn", t + 2000, report("b", "3412.50"), "3");
        await(() -> pane[0].chart().shownInitMs().size() == 2);
        // the condition is read off the FX thread and can see the chart before the summary of the
        // same refresh; let that pulse finish
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane[0].chart().shownInitMs()).containsExactly(812.34, 3412.5);
        assertThat(pane[0].chart().shownLimit()).isEqualTo(3000.0);
        assertThat(robot.lookup("#cold-start-summary").queryAs(Label.class).getText())
                .isEqualTo("2 cold starts · max 3413 ms · p95 3413 ms · limit 3000 ms — over the limit");
        robot.interact(() -> pane[0].close());
        assertThat(tail.isRunning()).as("leaving the item stops the follow").isFalse();
    }

    @Test
    void withoutLogAccessItSaysSoAndUsesTheEvidence(FxRobot robot) throws Exception {
        ColdStartPane[] pane = new ColdStartPane[1];
        robot.interact(() -> {
            pane[0] = ColdStartPane.forItem(vm.item("init-cold-start").orElseThrow(), ctx(null));
            root.getChildren().setAll(pane[0]);
        });
        await(() -> robot.lookup("#cold-start-source").queryAs(Label.class).getText().startsWith("No CloudWatch Logs access here"));
        assertThat(robot.lookup("#cold-start-source").queryAs(Label.class).getText())
                .isEqualTo("No CloudWatch Logs access here (no AWS here). Shown: the cold starts in the check's evidence (none yet: run the item).");
    }

    @Test
    void aGroupThatCannotBeNamedIsToldInASentenceWithTheSdkTextFolded(FxRobot robot) throws Exception {
        groupProblem.set(new IllegalStateException("Stack with id pipe-dev does not exist"
                + " (Service: CloudFormation, Status Code: 400, Request ID: null)"));
        ColdStartPane[] pane = new ColdStartPane[1];
        robot.interact(() -> {
            pane[0] = ColdStartPane.forItem(vm.item("init-cold-start").orElseThrow(), ctx((g, since, f) -> tail));
            root.getChildren().setAll(pane[0]);
        });
        await(() -> !robot.lookup("#cold-start-source").queryAs(Label.class).getText().startsWith("Looking"));
        assertThat(robot.lookup("#cold-start-source").queryAs(Label.class).getText())
                .startsWith("Greenlight could not name this item's log group. Check the AWS profile and region in the context bar")
                .doesNotContain("Status Code", "Service:", "pipe-dev");
        javafx.scene.control.TitledPane details = robot.lookup("#cold-start-details").queryAs(javafx.scene.control.TitledPane.class);
        assertThat(details.isExpanded()).isFalse();
        assertThat(((javafx.scene.control.TextArea) details.getContent()).getText())
                .contains("Stack with id pipe-dev does not exist", "Status Code: 400");
    }

    @Test
    void onlyColdStartItemsGetAChart() {
        assertThat(ColdStartPane.forItem(vm.item("other").orElseThrow(), ctx(null))).isNull();
    }
}
