package dev.greenlight.oncall;

import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Troubleshoot;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymptomMatcherTest {
    static Checklist checklist() throws Exception {
        try (InputStream in = SymptomMatcherTest.class.getResourceAsStream("/checklists/oncall-demo.yaml")) {
            LoadResult r = Greenlight.loader().parse(in.readAllBytes(), "oncall-demo.yaml");
            assertThat(r.problems()).isEmpty();
            return r.checklist().orElseThrow();
        }
    }

    private static List<SymptomMatcher.Match> match(String text) throws Exception {
        return new SymptomMatcher(checklist()).match(text);
    }

    @Test
    void aslNotFoundPointsAtTheDefinitionFilesBeforeGenericNotFoundRemedies() throws Exception {
        List<SymptomMatcher.Match> m = match("DefinitionUri: src/aws_step_functions_v3.json not found");
        assertThat(m).extracting(x -> x.item().id(), SymptomMatcher.Match::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("asl-definition-files", SymptomMatcher.Kind.SYMPTOM),
                org.assertj.core.groups.Tuple.tuple("definition-substitutions", SymptomMatcher.Kind.TROUBLESHOOT));
        assertThat(m.get(0).remedies()).extracting(Troubleshoot::title)
                .containsExactly("List the ASL files", "Check that git tracks them");
        assertThat(m.get(0).matched()).isEqualTo("DefinitionUri: src/aws_step_functions_v3.json not found");
    }

    @Test
    void diagnoseKeepsOnlySymptomMatchesAndSetsTroubleshootingMatchesAside() throws Exception {
        SymptomMatcher.Diagnosis d = new SymptomMatcher(checklist()).diagnose("DefinitionUri: src/aws_step_functions_v3.json not found");
        assertThat(d.explaining()).extracting(x -> x.item().id()).containsExactly("asl-definition-files");
        assertThat(d.related()).extracting(x -> x.item().id()).containsExactly("definition-substitutions");
    }

    @Test
    void diagnoseFallsBackToTroubleshootingMatchesWhenNoSymptomMatches() throws Exception {
        SymptomMatcher.Diagnosis d = new SymptomMatcher(checklist()).diagnose("the file is missing");
        assertThat(d.explaining()).extracting(x -> x.item().id(), SymptomMatcher.Match::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("asl-definition-files", SymptomMatcher.Kind.TROUBLESHOOT));
        assertThat(d.related()).isEmpty();
        assertThat(new SymptomMatcher(checklist()).diagnose("Task timed out after 30.03 seconds").isEmpty()).isTrue();
    }

    @Test
    void uscImportErrorPrefersTheLongerMoreSpecificSymptom() throws Exception {
        List<SymptomMatcher.Match> m = match(
                "[ERROR] Runtime.ImportModuleError: ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'");
        assertThat(m).extracting(x -> x.item().id()).containsExactly("usc-module", "python-requirements");
        assertThat(m.get(0).matched()).isEqualTo("ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'");
        assertThat(m.get(0).remedies()).extracting(Troubleshoot::command)
                .containsExactly("docker build --no-cache -f Dockerfile.lambda -t test-lambda ${backend}/src");
        // another missing module: the generic symptom wins; the USC item only through its remedy's 'when'
        assertThat(match("ModuleNotFoundError: No module named 'requests'"))
                .extracting(x -> x.item().id(), SymptomMatcher.Match::kind).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("python-requirements", SymptomMatcher.Kind.SYMPTOM),
                        org.assertj.core.groups.Tuple.tuple("usc-module", SymptomMatcher.Kind.TROUBLESHOOT));
    }

    @Test
    void unsubstitutedPlaceholderPointsAtDefinitionSubstitutions() throws Exception {
        List<SymptomMatcher.Match> m = match("States.TaskFailed: Lambda function not found: ${InitializeStateDataArn}");
        assertThat(m.get(0).item().id()).isEqualTo("definition-substitutions");
        assertThat(m.get(0).kind()).isEqualTo(SymptomMatcher.Kind.SYMPTOM);
        assertThat(m.get(0).matched()).isEqualTo("function not found: ${InitializeStateDataArn}");
        assertThat(m.get(0).remedies()).extracting(Troubleshoot::title).containsExactly("Read the stack events");
        assertThat(m).extracting(x -> x.item().id()).doesNotContain("usc-module", "disk-space-step");
    }

    @Test
    void diskQuotaPointsAtTheDiskSpaceStepWithAllItsRemedies() throws Exception {
        List<SymptomMatcher.Match> m = match("Error: Disk space quota exceeded");
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.item().id()).isEqualTo("disk-space-step");
            // no 'when' matches, so all of the item's remedies are its remedies
            assertThat(x.remedies()).extracting(Troubleshoot::title).containsExactly("Look at the Maximize disk space step");
        });
    }

    @Test
    void matchesInsideAPastedMultiLineLogAndIgnoresCase() throws Exception {
        String log = "2026-03-01T10:00:00Z START RequestId: 1\n2026-03-01T10:00:01Z write /tmp/x: NO SPACE LEFT ON DEVICE\n";
        assertThat(match(log)).extracting(x -> x.item().id()).containsExactly("disk-space-step");
    }

    @Test
    void unrelatedTextMatchesNothing() throws Exception {
        assertThat(match("Task timed out after 30.03 seconds")).isEmpty();
        assertThat(match("")).isEmpty();
        assertThat(match(null)).isEmpty();
    }
}
