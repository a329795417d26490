package dev.greenlight.signoff;

import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignOffPolicyTest {
    private static final String SHA_A = "334fdc8a0000000000000000000000000000000a";
    private static final String SHA_B = "180f2f2b0000000000000000000000000000000b";
    private static final String YAML = """
            id: demo
            title: Demo
            vars: {stage: dev, backend: backend}
            sections:
              - id: s
                title: S
                items:
                  - {id: smoke, title: Smoke test, manual: true}
                  - {id: ecr, title: ECR image, check: {type: file-exists, paths: [x]}}
            """;

    private static Checklist checklist(String yaml) {
        return Greenlight.loader().parse(yaml.getBytes(StandardCharsets.UTF_8), "demo.yaml").checklist().orElseThrow();
    }

    private static SignOffBasis basis(Checklist c, String sha, String stage, Status verdict, String reason) {
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("git.sha", sha);
        ctx.put("git.dirty", "false");
        ctx.put("aws.account", "123456789012");
        ctx.put("aws.region", "eu-west-1");
        return SignOffBasis.of(c, Map.of("stage", stage), ctx, "smoke", verdict, reason);
    }

    @Test
    void holdsOverARunThatGivesTheSameVerdictOnTheSameCommitAndStage() {
        Checklist c = checklist(YAML);
        SignOffBasis signed = basis(c, SHA_A, "dev", Status.MANUAL, "Waiting for a person.");
        SignOffPolicy.Judgement j = SignOffPolicy.judge(signed, basis(c, SHA_A, "dev", Status.MANUAL, "Waiting for a person."));
        assertThat(j.current()).isTrue();
        assertThat(SignOffPolicy.effective(c.item("smoke").orElseThrow(), Status.MANUAL, j)).isEqualTo(Status.DONE);
    }

    @Test
    void isStaleOnANewCommitAndStageAndSaysBoth() {
        Checklist c = checklist(YAML);
        SignOffBasis signed = basis(c, SHA_A, "dev", Status.MANUAL, "Waiting for a person.");
        SignOffPolicy.Judgement j = SignOffPolicy.judge(signed, basis(c, SHA_B, "prod", Status.MANUAL, "Waiting for a person."));
        assertThat(j.current()).isFalse();
        assertThat(j.reason()).startsWith("Stale sign-off: signed on 334fdc8 / stage=dev; now 180f2f2 / stage=prod.");
        assertThat(SignOffPolicy.effective(c.item("smoke").orElseThrow(), Status.MANUAL, j)).isEqualTo(Status.MANUAL);
    }

    @Test
    void isStaleWhenTheChecklistAsksSomethingElseButNotWhenOnlyACommentMoved() {
        Checklist c = checklist(YAML);
        SignOffBasis signed = basis(c, SHA_A, "dev", Status.MANUAL, "w");
        Checklist commented = checklist("# release checklist\n\n" + YAML);
        assertThat(SignOffPolicy.judge(signed, basis(commented, SHA_A, "dev", Status.MANUAL, "w")).current()).isTrue();
        Checklist changed = checklist(YAML.replace("paths: [x]", "paths: [y]"));
        assertThat(SignOffPolicy.judge(signed, basis(changed, SHA_A, "dev", Status.MANUAL, "w")).reason())
                .contains("the checklist changed since");
    }

    @Test
    void aRedVerdictIsNeverDoneAndCannotBeSigned() {
        Checklist c = checklist(YAML);
        Item ecr = c.item("ecr").orElseThrow();
        SignOffPolicy.Judgement current = new SignOffPolicy.Judgement(true, null);
        for (Status red : new Status[]{Status.FAIL, Status.ERROR}) {
            assertThat(SignOffPolicy.effective(ecr, red, current)).isEqualTo(red);
            assertThat(SignOffPolicy.refusal(ecr, red, "looks fine")).startsWith("A " + red + " cannot be signed off");
        }
        assertThat(SignOffPolicy.refusal(ecr, Status.SKIP, "checked the tag in the console")).isNull();
        assertThat(SignOffPolicy.refusal(ecr, Status.SKIP, "  ")).startsWith("Write in the note");
        assertThat(SignOffPolicy.refusal(ecr, null, "x")).startsWith("Run the item first");
    }

    @Test
    void aSignOffWithoutABasisIsStale() {
        assertThat(SignOffPolicy.judge(null, basis(checklist(YAML), SHA_A, "dev", Status.MANUAL, "w")).reason())
                .startsWith("Stale sign-off: it was made before Greenlight recorded what a sign-off was made over");
    }
}
