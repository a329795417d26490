package dev.greenlight.ui.oncall;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.troubleshoot.TroubleshootEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** On-call matching on the bundled checklist with the source document's four messages, without the FX toolkit. */
class OnCallViewModelTest {
    @TempDir
    Path tmp;
    final Object lock = new Object();
    final Executor serial = r -> {
        synchronized (lock) {
            r.run();
        }
    };
    final Set<String> ranOnly = new HashSet<>();
    Checklist checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
    ChecklistViewModel vm;

    private OnCallViewModel model() {
        // no runners: every item run here is an ERROR at once; the test looks at which items ran
        vm = new ChecklistViewModel(checklist, null, serial, (only, risky, l) -> {
            ranOnly.addAll(only);
            return Greenlight.prepare(new RunnerRegistry(), checklist, RunOptions.defaults(tmp).withOnly(only),
                    AwsSettings.DEFAULT, l);
        });
        return new OnCallViewModel(vm, () -> Greenlight.variables(checklist, RunOptions.defaults(tmp)), serial, serial);
    }

    private List<String> pointedAt(String text) {
        OnCallViewModel m = model();
        m.diagnose(text, false);
        return List.copyOf(m.runnable());
    }

    @Test
    void aslNotFoundPointsAtTheOrchestratorDefinitionUri() {
        assertThat(pointedAt("DefinitionUri: src/aws_step_functions_v3.json not found"))
                .containsExactly("asl-orchestrator-definition-uri");
    }

    @Test
    void uscModuleNotFoundPointsAtTheImportsTheImageAndTheDeployedFunction() {
        assertThat(pointedAt("ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'"))
                .containsExactly("init-usc-import", "sdm-usc-import", "lambda-image-build", "usc-module-check-invoke",
                        "usc-import-errors-in-logs");
    }

    @Test
    void unsubstitutedArnPointsAtTheSubstitutionsAndTheDeployedDefinition() {
        assertThat(pointedAt("Lambda function not found: ${InitializeStateDataArn}"))
                .containsExactly("orchestrator-substitutions", "distributed-substitutions", "sfn-initialize-arn",
                        "sfn-no-placeholders");
    }

    @Test
    void diskQuotaPointsAtTheDiskSpaceStepOnly() {
        OnCallViewModel m = model();
        m.diagnose("Error: Disk space quota exceeded", false);
        assertThat(m.matches()).extracting(OnCallMatch::itemId).containsExactly("disk-space-step");
        assertThat(m.matches().get(0).remedies()).extracting(TroubleshootEntry::command)
                .containsExactly("sudo rm -rf /usr/share/dotnet /usr/local/lib/android && docker system prune -af --volumes");
    }

    @Test
    void genericTroubleshootingMatchesAreListedAfterTheSymptomButNotRun() {
        OnCallViewModel m = model();
        m.diagnose("DefinitionUri: src/aws_step_functions_v3.json not found", false);
        assertThat(m.matches().get(0).bySymptom()).isTrue();
        assertThat(m.matches().subList(1, m.matches().size())).isNotEmpty().noneMatch(OnCallMatch::bySymptom);
        assertThat(m.messageProperty().get()).startsWith("1 item declares this symptom;");
    }

    @Test
    void remedyCommandsAreResolvedWithTheChecklistVariables() {
        OnCallViewModel m = model();
        m.diagnose("DefinitionUri: src/aws_step_functions_v3.json not found", false);
        assertThat(m.matches().get(0).remedies()).extracting(TroubleshootEntry::command)
                .contains("ls -la analemma-workflow-os/backend/src/aws_step_functions*.json")
                .allSatisfy(c -> assertThat(c).doesNotContain("${"));
    }

    @Test
    void diagnoseRunsExactlyTheItemsThatDeclareTheSymptom() throws Exception {
        OnCallViewModel m = model();
        CountDownLatch done = new CountDownLatch(1);
        vm.lastReportProperty().addListener((o, a, b) -> done.countDown());
        m.diagnose("Lambda function not found: ${InitializeStateDataArn}", true);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOnly).containsExactlyInAnyOrder("orchestrator-substitutions", "distributed-substitutions",
                "sfn-initialize-arn", "sfn-no-placeholders");
        assertThat(vm.lastReportProperty().get().results()).hasSize(4);
    }

    @Test
    void unrelatedTextMatchesNothingAndSaysSo() {
        OnCallViewModel m = model();
        m.diagnose("everything is fine, thank you", true);
        assertThat(m.matches()).isEmpty();
        assertThat(ranOnly).isEmpty();
        assertThat(m.messageProperty().get()).startsWith("Nothing in unified-pipe-v3.3 matches this text.");
    }
}
