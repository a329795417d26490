package dev.greenlight.ui.checklist;

import dev.greenlight.app.FxBridge;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.ui.UiFixture;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The view model wired as the app wires it (FxBridge.FX, FxBridge.NEXT_TURN), on the real FX thread. */
@ExtendWith(ApplicationExtension.class)
class CountsOnTheFxThreadTest {
    private static final String YAML = """
            id: c
            title: C
            sections:
              - id: files
                title: Files
                items:
                  - id: a
                    title: A
                    check: {type: file-exists, paths: [a]}
                  - id: b
                    title: B
                    check: {type: file-exists, paths: [b]}
                  - id: c
                    title: C
                    check: {type: file-exists, paths: [c]}
            """;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("counts")));
        stage.show();
    }

    @Test
    void verdictsSetInOneTurnOfTheFxQueueAreCountedOnceAfterIt(FxRobot robot) {
        Checklist checklist = new ChecklistLoader(UiFixture.runners())
                .parse(YAML.getBytes(StandardCharsets.UTF_8), "c.yaml").checklist().orElseThrow();
        List<StatusCounts> counted = new ArrayList<>();
        List<Integer> countedWhileSetting = new ArrayList<>();
        robot.interact(() -> {
            ChecklistViewModel vm = new ChecklistViewModel(checklist, null, FxBridge.FX, FxBridge.NEXT_TURN,
                    (only, risky, listener) -> {
                        throw new AssertionError("no run in this test");
                    });
            vm.countsProperty().addListener((o, a, b) -> counted.add(b));
            // as the engine's verdicts arrive: several in one turn of the FX queue
            for (String id : List.of("a", "b", "c")) {
                ItemState st = vm.item(id).orElseThrow();
                st.setResult(new ItemResult(id, "files", st.item().title(), Result.fail("missing").build(), 1, Instant.now()), Map.of());
            }
            countedWhileSetting.add(counted.size());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(countedWhileSetting).as("counted while the verdicts were still being set").containsExactly(0);
        assertThat(counted).hasSize(1);
        assertThat(counted.get(0).count(Status.FAIL)).isEqualTo(3);
    }
}
