package dev.greenlight.runners.local;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Redactor;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.CfnFixture.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Template evidence as the engine hands it on (runner result, then {@link Redactor}): references
 * under secret-sounding names stay readable, literal secrets are masked by name or by place.
 */
class TemplateEvidenceRedactionTest {
    @TempDir
    Path dir;
    CfnFixture fx;
    final CfnPropertyRunner runner = new CfnPropertyRunner();

    @BeforeEach
    void setUp() throws Exception {
        fx = new CfnFixture(dir);
        fx.edit(TEMPLATE, """
                  StateDataManagerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                """, """
                  StateDataManagerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          StoreTaskTokenArn: !GetAtt StoreTaskTokenFunction.Arn
                          TASK_TOKEN_TABLE: !Ref TaskTokenTable
                          LLM_GATEWAY_SECRET: !Sub '{{resolve:secretsmanager:${LlmSecret}:SecretString:gateway}}'
                          WEBHOOK_SIGNING_KEY: whk-live-7f3a9c1e
                          LOG_LEVEL: INFO
                """);
    }

    private Result run(String path) {
        return Redactor.redact(fx.run(runner, "template: " + TEMPLATE + "\nresource: StateDataManagerFunction\npath: " + path
                + "\nexists: true\n", null));
    }

    @Test
    void aReferenceUnderATokenNameIsShownAsWritten() throws Exception {
        Result r = run("Properties.Environment.Variables.StoreTaskTokenArn");

        // the old redactor showed "StoreTaskTokenArn: **** StoreTaskTokenFunction.Arn"
        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).extracting(Evidence::text).contains("StoreTaskTokenArn: !GetAtt StoreTaskTokenFunction.Arn");
        assertThat(run("Properties.Environment.Variables.LLM_GATEWAY_SECRET").evidence()).extracting(Evidence::text)
                .contains("LLM_GATEWAY_SECRET: !Sub '{{resolve:secretsmanager:${LlmSecret}:SecretString:gateway}}'");
    }

    @Test
    void aLiteralFunctionEnvironmentValueIsMaskedAtItsLine() throws Exception {
        Result r = run("Properties.Environment.Variables.WEBHOOK_SIGNING_KEY");

        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(fx.lineOf(TEMPLATE, "WEBHOOK_SIGNING_KEY:"));
            assertThat(e.text()).isEqualTo("WEBHOOK_SIGNING_KEY: ****");
        });
        assertThat(r.toString()).doesNotContain("whk-live-7f3a9c1e");
    }

    @Test
    void aNoEchoParametersDefaultIsMaskedWhateverItsName() throws Exception {
        fx.edit(TEMPLATE, "  OpenAiApiKey:\n", "  LlmGatewayConfig:\n");

        TemplateSecrets secrets = TemplateSecrets.of(fx.workspace.yaml(TEMPLATE));
        int line = fx.lineOf(TEMPLATE, "Default: sk-live-1234567890");

        assertThat(secrets.mask(line, "Default: opaque-value")).isEqualTo("Default: ****");
        assertThat(secrets.mask(fx.lineOf(TEMPLATE, "Default: dev"), "Default: dev")).isEqualTo("Default: dev");
    }
}
