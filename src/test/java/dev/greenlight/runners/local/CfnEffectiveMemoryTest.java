package dev.greenlight.runners.local;

import dev.greenlight.engine.Result;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.greenlight.runners.local.CfnFixture.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * cfn-property on a function's MemorySize compares the memory the function runs with, as SAM
 * evaluates it: its own property, else Globals.Function's, else the default 128 MB.
 */
class CfnEffectiveMemoryTest {
    @TempDir
    Path dir;
    final CfnPropertyRunner runner = new CfnPropertyRunner();

    static final String INIT_2048 = """
            template: analemma-workflow-os/backend/template.yaml
            resource: InitializeStateDataFunction
            path: Properties.MemorySize
            equals: 2048
            """;

    /** A template the way larger SAM projects write one: Globals carry the common memory, a few functions override it. */
    private CfnFixture template(String globalsFunction, String initProps, String sdmProps) throws Exception {
        CfnFixture fx = new CfnFixture(dir);
        fx.write(TEMPLATE, """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Description: backend
                Parameters:
                  BackendLambdaImageUri:
                    Type: String
                %s
                Resources:
                  InitializeStateDataFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      ImageUri: !Ref BackendLambdaImageUri
                      ImageConfig:
                        Command: ["src.common.initialize_state_data.lambda_handler"]
                %s
                  StateDataManagerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      ImageUri: !Ref BackendLambdaImageUri
                %s
                  SegmentRunnerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      ImageUri: !Ref BackendLambdaImageUri
                      MemorySize: 2048
                      Timeout: 900
                """.formatted(globalsFunction, initProps, sdmProps));
        return fx;
    }

    private static final String GLOBALS_512 = """
            Globals:
              Function:
                Timeout: 30
                MemorySize: 512
                Architectures: [arm64]
            """;

    @Test
    void failsNamingGlobalsWhenTheFunctionInheritsLessMemory() throws Exception {
        CfnFixture fx = template(GLOBALS_512, "      Tracing: Active", "      MemorySize: 512");

        Result r = fx.run(runner, INIT_2048, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("from Globals.Function.MemorySize").contains("512").contains("expected 2048");
        assertThat(r.actual()).isEqualTo("512");
        assertThat(r.evidence()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(TEMPLATE);
            assertThat(e.line()).isEqualTo(fx.lineOf(TEMPLATE, "    MemorySize: 512"));
        });
    }

    @Test
    void theFunctionsOwnMemoryWinsOverGlobals() throws Exception {
        CfnFixture fx = template(GLOBALS_512, "      MemorySize: 2048", "      MemorySize: 512");

        Result r = fx.run(runner, INIT_2048, null);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(fx.lineOf(TEMPLATE, "      MemorySize: 2048")));
    }

    @Test
    void globalsWrittenAsAFlowMappingCountTheSame() throws Exception {
        CfnFixture fx = template("Globals: {Function: {Timeout: 30, MemorySize: 2048}}", "      Tracing: Active", "      Tracing: Active");

        Result r = fx.run(runner, INIT_2048, null);

        assertThat(r.status()).as(r.reason()).isEqualTo(Status.PASS);
        assertThat(r.reason()).contains("from Globals.Function.MemorySize");
    }

    @Test
    void withNoMemoryAnywhereTheFunctionRunsOnTheDefault128() throws Exception {
        CfnFixture fx = template("Globals:\n  Function:\n    Timeout: 30", "      Tracing: Active", "      Tracing: Active");

        Result r = fx.run(runner, INIT_2048, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("128");
        assertThat(r.reason()).contains("the default 128").contains("neither InitializeStateDataFunction nor Globals sets it");
        assertThat(r.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(fx.lineOf(TEMPLATE, "  InitializeStateDataFunction:")));
        assertThat(fx.run(runner, INIT_2048.replace("2048", "128"), null).status()).isEqualTo(Status.PASS);
    }

    @Test
    void withoutGlobalsTheDefaultSaysNoGlobalsApply() throws Exception {
        CfnFixture fx = template("", "      Tracing: Active", "      Tracing: Active");

        Result r = fx.run(runner, INIT_2048, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.reason()).contains("InitializeStateDataFunction does not set it and no Globals apply");
    }

    @Test
    void existsStillAsksWhatIsWrittenNotTheDefault() throws Exception {
        CfnFixture fx = template("", "      Tracing: Active", "      Tracing: Active");

        Result r = fx.run(runner, """
                template: analemma-workflow-os/backend/template.yaml
                resource: InitializeStateDataFunction
                path: Properties.MemorySize
                exists: true
                """, null);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.actual()).isEqualTo("absent");
    }
}
