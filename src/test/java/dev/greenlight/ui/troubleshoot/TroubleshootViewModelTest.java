package dev.greenlight.ui.troubleshoot;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Troubleshoot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TroubleshootViewModelTest {
    final Troubleshoot list = new Troubleshoot("List", null, "ls ${backend}", null, true, false);
    final Troubleshoot restore = new Troubleshoot("Restore", "missing|not found", "git checkout -- ${backend}/Dockerfile", null, true, true);
    final Troubleshoot aws = new Troubleshoot("ECR", "denied", "aws ecr describe-images --repository-name ${stack}", null, false, false);
    final Variables vars = Variables.of(Map.of("backend", "analemma/backend", "stack", "wf-${stage}", "stage", "dev"));

    @Test
    void entriesMatchingAFailureComeFirstInChecklistOrder() {
        Result failed = Result.fail("Missing: Dockerfile.").actual("missing Dockerfile").build();
        List<TroubleshootEntry> e = TroubleshootViewModel.entries(List.of(list, restore, aws), failed, vars);
        assertThat(e).extracting(x -> x.source().title()).containsExactly("Restore", "List", "ECR");
        assertThat(e.get(0).matches()).isTrue();
        assertThat(e.get(1).matches()).isFalse();
    }

    @Test
    void aPassingResultKeepsTheChecklistOrderEvenWhenTextMatches() {
        Result passed = Result.pass("Nothing missing.").build();
        assertThat(TroubleshootViewModel.entries(List.of(list, restore), passed, vars))
                .extracting(x -> x.source().title()).containsExactly("List", "Restore");
    }

    @Test
    void commandsHaveTheirVariablesResolved() {
        List<TroubleshootEntry> e = TroubleshootViewModel.entries(List.of(list, aws), null, vars);
        assertThat(e).extracting(TroubleshootEntry::command)
                .containsExactly("ls analemma/backend", "aws ecr describe-images --repository-name wf-dev");
        assertThat(e.get(0).runnable()).isTrue();
        assertThat(e.get(1).runnable()).as("AWS commands are copy-only").isFalse();
    }

    @Test
    void aCommandWithAnUnresolvableVariableIsNotShownButExplained() {
        Variables noAws = vars.withSource("aws.", key -> {
            throw new VariableException(key, "no AWS credentials", Status.SKIP);
        });
        Troubleshoot t = new Troubleshoot("Whoami", null, "echo ${aws.account}", null, true, false);
        TroubleshootEntry e = TroubleshootViewModel.entries(List.of(t), null, noAws).get(0);
        assertThat(e.command()).isNull();
        assertThat(e.runnable()).isFalse();
        assertThat(e.unresolved()).contains("no AWS credentials");
    }

    @Test
    void withoutVariablesOnlyCommandsWithoutReferencesAreShown() {
        Troubleshoot plain = new Troubleshoot("Status", null, "git status --short && echo $${HOME}", null, true, false);
        List<TroubleshootEntry> e = TroubleshootViewModel.entries(List.of(plain, list), null, null);
        assertThat(e.get(0).command()).isEqualTo("git status --short && echo ${HOME}");
        assertThat(e.get(1).command()).isNull();
        assertThat(e.get(1).unresolved()).contains("${backend}");
    }

    @Test
    void aDynamicSourceIsAskedOnlyWhenACommandNeedsIt() {
        Variables dyn = vars.withSource("git.", key -> Optional.of("abc123"));
        Troubleshoot t = new Troubleshoot("Show", null, "git show ${git.sha}", null, true, false);
        assertThat(TroubleshootViewModel.entries(List.of(t), null, dyn).get(0).command()).isEqualTo("git show abc123");
    }

    @Test
    void aValueWithShellSyntaxArrivesQuotedSoItCannotInjectACommand() {
        dev.greenlight.model.Troubleshoot t = new dev.greenlight.model.Troubleshoot("List", null,
                "ls -la ${backend}/src", null, true, false);
        dev.greenlight.engine.Variables vars = dev.greenlight.engine.Variables.of(java.util.Map.of("backend", "x; rm -rf /"));
        java.util.List<TroubleshootEntry> out = TroubleshootViewModel.entries(java.util.List.of(t), null, vars);
        org.assertj.core.api.Assertions.assertThat(out.get(0).command()).isEqualTo("ls -la 'x; rm -rf /'/src");
    }
}
