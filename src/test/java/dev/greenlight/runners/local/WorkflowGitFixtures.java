package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.Workspace;
import dev.greenlight.model.Item;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Contexts, spec binding and real git repositories for the workflow, git and command runner tests. */
final class WorkflowGitFixtures {
    private static final YAMLMapper YAML = new YAMLMapper();

    private WorkflowGitFixtures() {
    }

    static RunContext ctx(Path checkout) {
        return ctx(checkout, null);
    }

    static RunContext ctx(Path checkout, Integer lineHint) {
        Item item = new Item("item", "section", "title", null, null, false, List.of(), lineHint,
                List.of(), List.of(), List.of());
        return new RunContext(item, new Workspace(checkout), Variables.of(java.util.Map.of()), new Services(),
                RunOptions.defaults(checkout).withAllowCommands(true), () -> false);
    }

    /** Binds the YAML spec the way a checklist file would, then runs it. */
    static <S> Result run(Runner<S> runner, String specYaml, RunContext ctx) {
        RunnerRegistry.Bound<S> bound = new RunnerRegistry().bind(runner, spec(specYaml));
        if (bound.problem() != null) {
            throw new AssertionError("spec does not bind: " + bound.problem().message());
        }
        return runner.run(bound.spec(), ctx);
    }

    static <S> List<Runner.SpecProblem> validate(Runner<S> runner, String specYaml) {
        RunnerRegistry.Bound<S> bound = new RunnerRegistry().bind(runner, spec(specYaml));
        if (bound.problem() != null) {
            throw new AssertionError("spec does not bind: " + bound.problem().message());
        }
        return runner.validate(bound.spec());
    }

    private static JsonNode spec(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path root, String rel, String text) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the real git binary; fails the test when git fails. */
    static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void initRepo(Path dir) {
        git(dir, "init", "-q");
    }

    static void commitAll(Path dir, String message) {
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", message);
    }

    /** The workflow of the source document, with the facts its checklist checks. */
    static final String BACKEND_DEPLOY = """
            name: Backend Deploy
            on:
              push:
                branches: [main]
              workflow_dispatch:

            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4

                  - name: Maximize disk space for Docker builds
                    run: |
                      sudo rm -rf /usr/share/dotnet
                      sudo rm -rf /usr/local/lib/android
                      docker system prune -af --volumes

                  - name: Build and Push LLM Base Image
                    uses: docker/build-push-action@v5
                    with:
                      context: ./analemma-workflow-os/backend
                      file: ./analemma-workflow-os/backend/Dockerfile.base
                      platforms: linux/arm64  # Graviton2
                      push: true
                      tags: |
                        ${{ env.ECR }}/backend-llm-base:latest
                        ${{ env.ECR }}/backend-llm-base:${{ steps.hash.outputs.hash }}

                  - name: Build and Push Final Lambda Image
                    uses: docker/build-push-action@v5
                    with:
                      context: ./analemma-workflow-os/backend/src  # includes USC
                      file: ./analemma-workflow-os/backend/src/Dockerfile.lambda
                      platforms: linux/arm64
                      push: true
                      tags: |
                        ${{ env.ECR }}/backend-lambda-function:latest
                        ${{ env.ECR }}/backend-lambda-function:${{ github.sha }}
                      no-cache: true  # Always fresh build

              deploy:
                needs: build
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - name: Deploy SAM stack
                    working-directory: analemma-workflow-os/backend
                    run: |
                      PARAM_OVERRIDES="StageName=dev MockMode=false"
                      # image-based functions need an ECR repository
                      sam deploy \\
                        --stack-name "backend-workflow-dev" \\
                        --region "${AWS_REGION}" \\
                        --resolve-s3 \\
                        --image-repository "${IMAGE_REPO_URI}" \\
                        --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \\
                        --parameter-overrides ${PARAM_OVERRIDES}
            """;

    static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in text");
    }
}
