package dev.greenlight.ui.oncall;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.model.Checklist;
import dev.greenlight.oncall.SymptomMatcher;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The window runs exactly what {@code greenlight diagnose} runs: one rule, in SymptomMatcher.Diagnosis. */
class OnCallOneRuleTest {
    @TempDir
    Path tmp;
    final Executor same = Runnable::run;
    final Set<String> ranOnly = new HashSet<>();
    final Checklist checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();

    private OnCallViewModel model() {
        ChecklistViewModel vm = new ChecklistViewModel(checklist, null, same, (only, risky, l) -> {
            ranOnly.addAll(only);
            return Greenlight.prepare(new RunnerRegistry(), checklist, RunOptions.defaults(tmp).withOnly(only),
                    AwsSettings.DEFAULT, l);
        });
        return new OnCallViewModel(vm, () -> Greenlight.variables(checklist, RunOptions.defaults(tmp)), same, same);
    }

    @Test
    void aGenericNotFoundIsListedButNothingRuns() {
        OnCallViewModel m = model();

        m.diagnose("Error: template.yaml not found", true);

        assertThat(ranOnly).isEmpty();
        assertThat(m.runnable()).isEmpty();
        assertThat(m.matches()).hasSizeGreaterThan(SymptomMatcher.FALLBACK_LIMIT).noneMatch(OnCallMatch::bySymptom);
        assertThat(m.messageProperty().get()).contains("too generic to point anywhere, so none is run");
    }

    @Test
    void theWindowRunsWhatTheCliRunsForEachKindOfMessage() {
        SymptomMatcher matcher = new SymptomMatcher(checklist);
        for (String text : List.of(
                "Error: template.yaml not found",
                "Error: Missing option '--image-repository', '--image-repositories', or '--resolve-image-repos'",
                "Parameters: [BackendLambdaImageUri] must have values",
                "Runtime.ImportModuleError: Unable to import module 'src.common.initialize_state_data': No module named 'x'",
                "DefinitionUri: src/aws_step_functions_v3.json not found",
                "echo $BASE_IMAGE_URI prints nothing: BASE_IMAGE_URI is unset",
                "everything is fine")) {
            OnCallViewModel m = model();
            m.diagnose(text, false);
            assertThat(List.copyOf(m.runnable())).as(text)
                    .isEqualTo(List.copyOf(SymptomMatcher.itemIds(matcher.diagnose(text).explaining())));
        }
    }
}
