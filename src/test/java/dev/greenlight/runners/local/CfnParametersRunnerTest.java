package dev.greenlight.runners.local;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.CfnFixture.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

class CfnParametersRunnerTest {
    @TempDir
    Path dir;
    CfnFixture fx;
    final CfnParametersRunner runner = new CfnParametersRunner();

    @BeforeEach
    void setUp() throws Exception {
        fx = new CfnFixture(dir);
    }

    @Test
    void passesWhenAllNamesAreDeclaredAndSecretsAreNoEcho() throws Exception {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                names: [StageName]
                no-echo: [OpenAiApiKey]
                """, null);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.reason()).isEqualTo("All 2 parameters are declared and 1 of them are NoEcho.");
        assertThat(r.evidence()).contains(Evidence.at("StageName", TEMPLATE, fx.lineOf(TEMPLATE, "StageName:"), "StageName: Type String"));
    }

    @Test
    void failsListingUndeclaredNamesWithASuggestion() {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                names: [StageName, MockMode, StageNme]
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("not declared: MockMode, StageNme");
        assertThat(r.notes()).contains("StageNme: did you mean 'StageName'?");
    }

    @Test
    void failsWhenAnApiKeyParameterLacksNoEchoAndNeverShowsItsDefault() throws Exception {
        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                names: [StageName]
                no-echo: [OpenAiApiKey, AnthropicApiKey]
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("without NoEcho: true").contains("AnthropicApiKey").doesNotContain("OpenAiApiKey");
        assertThat(r.evidence()).extracting(Evidence::line).containsExactly(fx.lineOf(TEMPLATE, "AnthropicApiKey:"));
        assertThat(r.toString()).doesNotContain("anthropic-secret-value").doesNotContain("sk-live-1234567890");
    }

    @Test
    void failsWhenNoEchoIsFalse() throws Exception {
        fx.edit(TEMPLATE, "NoEcho: true", "NoEcho: false");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                no-echo: [OpenAiApiKey]
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("NoEcho: false"));
        assertThat(r.toString()).doesNotContain("sk-live-1234567890");
    }

    @Test
    void aCommentedOutNoEchoDoesNotCount() throws Exception {
        fx.edit(TEMPLATE, "    NoEcho: true", "    # NoEcho: true");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                no-echo: [OpenAiApiKey]
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void failsWhenTheTemplateHasNoParametersSection() throws Exception {
        fx.write(TEMPLATE, "Resources:\n  A:\n    Type: AWS::SNS::Topic\n");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                names: [StageName]
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("no Parameters section"));
    }
}
