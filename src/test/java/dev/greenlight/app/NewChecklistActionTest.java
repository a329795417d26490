package dev.greenlight.app;

import dev.greenlight.TestGit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** "New checklist from this checkout…": generated off the FX thread, written, then opened on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class NewChecklistActionTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final AtomicBoolean generatedOffFx = new AtomicBoolean();
    private final AtomicReference<String> opened = new AtomicReference<>();
    private final AtomicBoolean openedOnFx = new AtomicBoolean();
    private final AtomicReference<String> status = new AtomicReference<>("");
    private NewChecklistAction action;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        action = new NewChecklistAction(() -> stage, () -> null,
                r -> pool.execute(() -> {
                    generatedOffFx.set(!Platform.isFxApplicationThread());
                    r.run();
                }),
                (file, co) -> {
                    openedOnFx.set(Platform.isFxApplicationThread());
                    opened.set(file + " @ " + co);
                },
                status::set, new DialogService());
        stage.setScene(new Scene(new StackPane(action.button()), 300, 100));
        stage.show();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void writesTheChecklistOffTheFxThreadAndOpensIt(FxRobot robot) throws Exception {
        Path repo = dir.resolve("billing");
        TestGit.write(repo, "template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  InvoiceFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, CodeUri: src/, Handler: invoice.handler}
                """);
        TestGit.write(repo, "src/invoice.py", "def handler(event, context):\n    return {}\n");
        TestGit.initAndCommit(repo, "billing");
        Path target = dir.resolve("billing-checklist.yaml");
        assertThat(robot.lookup("#new-checklist").queryAs(Button.class).getText()).isEqualTo("New checklist…");
        robot.interact(() -> action.generate(repo, target));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> opened.get() != null);
        assertThat(opened.get()).isEqualTo(target + " @ " + repo);
        assertThat(generatedOffFx).isTrue();
        assertThat(openedOnFx).isTrue();
        assertThat(Files.readString(target)).contains("id: invoice-function-handler");
        assertThat(status.get()).contains("written to " + target);
    }

    @Test
    void aCheckoutWithoutATemplateWritesNothingAndSaysWhy(FxRobot robot) throws Exception {
        Path empty = dir.resolve("docs-site");
        TestGit.write(empty, "README.md", "# docs\n");
        Path target = dir.resolve("docs-checklist.yaml");
        robot.interact(() -> action.generate(empty, target));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.get().startsWith("No checklist written"));
        assertThat(status.get()).contains("No SAM or CloudFormation template");
        assertThat(target).doesNotExist();
        assertThat(opened.get()).isNull();
    }
}
