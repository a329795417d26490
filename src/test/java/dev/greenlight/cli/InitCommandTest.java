package dev.greenlight.cli;

import dev.greenlight.TestGit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** greenlight init: stdout or --out, never over an existing file without --force, exit 2 with a clear message. */
class InitCommandTest {
    @TempDir
    Path dir;

    private Path backend() {
        Path root = dir.resolve("payments");
        TestGit.write(root, "template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  PayFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      CodeUri: src/
                      Handler: pay.handler
                """);
        TestGit.write(root, "src/pay.py", "def handler(event, context):\n    return {}\n");
        TestGit.initAndCommit(root, "payments");
        return root;
    }

    @Test
    void printsAChecklistThatValidatesAndRunsGreen() throws Exception {
        Path repo = backend();
        CliTest.Outcome o = CliTest.cli("init", "--checkout", repo.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("id: payments-deploy").contains("id: pay-function-handler").contains("type: lambda-handler");
        assertThat(o.err()).contains("items about template.yaml");
        Path file = dir.resolve("payments.yaml");
        Files.writeString(file, o.out(), StandardCharsets.UTF_8);
        assertThat(CliTest.cli("validate", "--checklist", file.toString()).code()).isZero();
        CliTest.Outcome run = CliTest.cli("run", "--checklist", file.toString(), "--checkout", repo.toString(), "--no-history");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
    }

    @Test
    void neverReplacesAnExistingFileWithoutForce() throws Exception {
        Path repo = backend();
        Path out = dir.resolve("mine.yaml");
        Files.writeString(out, "# my edits\n", StandardCharsets.UTF_8);
        CliTest.Outcome refused = CliTest.cli("init", "--checkout", repo.toString(), "--out", out.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("already exists").contains("--force");
        assertThat(Files.readString(out)).isEqualTo("# my edits\n");
        CliTest.Outcome forced = CliTest.cli("init", "--checkout", repo.toString(), "--out", out.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).isEmpty();
        assertThat(Files.readString(out)).contains("id: pay-function-handler");
    }

    @Test
    void writesANewFileWithOut() throws Exception {
        Path repo = backend();
        Path out = dir.resolve("lists/payments.yaml");
        CliTest.Outcome o = CliTest.cli("init", "--checkout", repo.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(out).exists();
        assertThat(o.err()).contains("written to " + out);
    }

    @Test
    void aCheckoutWithoutATemplateIsAClearError() throws Exception {
        Path empty = dir.resolve("frontend");
        TestGit.write(empty, "package.json", "{}\n");
        TestGit.write(empty, "infra/template.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
        CliTest.Outcome o = CliTest.cli("init", "--checkout", empty.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("No SAM or CloudFormation template with a state machine or a function in " + empty.toAbsolutePath());
    }

    @Test
    void aMissingCheckoutIsAClearError() {
        CliTest.Outcome o = CliTest.cli("init", "--checkout", dir.resolve("nowhere").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("is not a directory");
    }
}
