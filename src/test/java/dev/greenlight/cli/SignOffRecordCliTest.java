package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.report.CanonicalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.greenlight.TestGit.commitAll;
import static dev.greenlight.TestGit.git;
import static dev.greenlight.TestGit.initAndCommit;
import static dev.greenlight.TestGit.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go/no-go records a release manager can trust, through the CLI: one-of groups, records that cannot
 * be forged without the key, sign-offs bound to their commit, verdicts that say when they are about a
 * dirty working tree, and "last green" meaning a complete run on the same stage.
 */
class SignOffRecordCliTest {
    static final String CHECKLIST = """
            id: release-demo
            title: Release demo
            vars:
              stage: dev
              backend: backend
            sections:
              - id: image
                title: Lambda image
                items:
                  - id: dockerfile-copies-src
                    title: Dockerfile.lambda copies the sources into the task root
                    check:
                      type: text
                      file: ${backend}/Dockerfile.lambda
                      literal: "COPY src/ /var/task/src/"
                  - id: asl-committed
                    title: The v3 ASL definition is committed
                    check:
                      type: git-tracked
                      paths: ["${backend}/src/aws_step_functions_v3.json"]
              - id: deploy
                title: Deploy
                items:
                  - id: trigger-push
                    title: "Automatic: push to main"
                    manual: true
                    one-of: deploy-trigger
                  - id: trigger-github-ui
                    title: "Manual: run Backend Deploy from the GitHub UI"
                    manual: true
                    one-of: deploy-trigger
                  - id: trigger-local-sam
                    title: "Local sam deploy"
                    manual: true
                    one-of: deploy-trigger
                  - id: smoke-test
                    title: One execution end to end in the console
                    manual: true
            """;
    static final String DOCKERFILE = """
            ARG PYTHON_VERSION=3.12
            FROM public.ecr.aws/lambda/python:${PYTHON_VERSION}
            COPY requirements.txt .
            RUN pip install -r requirements.txt --target /var/task
            # the handlers import src.handlers.utils.universal_sync_core
            COPY src/ /var/task/src/
            CMD ["src.handlers.core.main.handler"]
            """;

    @TempDir
    Path home;
    @TempDir
    Path repo;
    @TempDir
    Path work;

    private Path checklist;
    private String previousHome;
    private String out;
    private String err;
    private String head;

    @BeforeEach
    void setUp() throws Exception {
        previousHome = System.getProperty("greenlight.home");
        System.setProperty("greenlight.home", home.toString());
        write(repo, "backend/Dockerfile.lambda", DOCKERFILE);
        write(repo, "backend/requirements.txt", "boto3==1.34.0\n");
        write(repo, "backend/src/aws_step_functions_v3.json", "{\"StartAt\": \"Init\", \"States\": {}}\n");
        write(repo, "backend/src/handlers/core/main.py", "def handler(event, context):\n    return {}\n");
        head = initAndCommit(repo, "v3.3 unified pipe");
        checklist = work.resolve("release-demo.yaml");
        Files.writeString(checklist, CHECKLIST);
    }

    @AfterEach
    void tearDown() {
        dev.greenlight.ui.UiFixture.restore("greenlight.home", previousHome);
    }

    private int cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = GreenlightCommand.execute(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--checklist", checklist.toString(), "--checkout", repo.toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    private static JsonNode json(Path p) throws Exception {
        return JsonMapper.builder().build().readTree(p.toFile());
    }

    @Test
    void aOneOfGroupIsOneRequirementMetByAnyOfItsItems() throws Exception {
        Path waiting = work.resolve("waiting.json");
        assertThat(run("--record", waiting.toString(), "--no-history", "--sign-off", "smoke-test=execution wf-42 SUCCEEDED in 41 s"))
                .isEqualTo(0);
        assertThat(json(waiting).get("blockers")).extracting(JsonNode::asText).containsExactly(
                "deploy-trigger: waiting for a sign-off of one of trigger-push, trigger-github-ui or trigger-local-sam");

        Path go = work.resolve("go.json");
        assertThat(run("--record", go.toString(), "--no-history", "--sign-off", "smoke-test=execution wf-42 SUCCEEDED in 41 s",
                "--sign-off", "trigger-push=pushed " + head.substring(0, 7) + " to main, run 118 green")).isEqualTo(0);
        JsonNode r = json(go);
        assertThat(r.get("decision").asText()).isEqualTo("GO");
        assertThat(r.get("blockers")).isEmpty();
        assertThat(r.get("caveats")).isEmpty();
        JsonNode ui = r.get("items").get(3);
        assertThat(ui.get("id").asText()).isEqualTo("trigger-github-ui");
        assertThat(ui.get("title").asText()).isEqualTo("Manual: run Backend Deploy from the GitHub UI");
        assertThat(ui.get("notes")).extracting(JsonNode::asText)
                .contains("Not needed: trigger-push met the one-of group deploy-trigger.");
        assertThat(cli("verify-record", go.toString())).isEqualTo(0);
    }

    @Test
    void aSignOffNeedsANoteAndIsRefusedForAFailWithTheSameWordsAsTheWindow() {
        assertThat(run("--no-history", "--sign-off", "smoke-test=")).isEqualTo(2);
        assertThat(err).contains("--sign-off smoke-test=NOTE: write what you checked in the note");
        write(repo, "backend/Dockerfile.lambda", DOCKERFILE.replace("COPY src/ /var/task/src/", "COPY src/ /var/task/"));
        Path r = work.resolve("r.json");
        assertThat(run("--no-history", "--record", r.toString(), "--sign-off", "dockerfile-copies-src=fine by me")).isEqualTo(1);
        assertThat(err).contains("--sign-off dockerfile-copies-src refused: A FAIL cannot be signed off: a note does not make it pass.");
    }

    @Test
    void aSignedRecordPassesVerifyRecordAndSshKeygenAndAForgedOneFailsBoth() throws Exception {
        Path key = work.resolve("rm_ed25519");
        ssh("-q", "-t", "ed25519", "-N", "", "-C", "rm@example.com", "-f", key.toString());
        Path allowed = work.resolve("allowed_signers");
        Files.writeString(allowed, "rm@example.com " + Files.readString(Path.of(key + ".pub")));
        Path record = work.resolve("release.json");
        assertThat(run("--record", record.toString(), "--no-history", "--sign-key", key.toString(), "--signer", "rm@example.com",
                "--sign-off", "trigger-push=pushed to main, run 118 green")).isEqualTo(0);
        Path sig = work.resolve("release.json.sig");
        assertThat(Files.readString(sig)).startsWith("-----BEGIN SSH SIGNATURE-----");
        assertThat(json(record).get("decision").asText()).isEqualTo("NO-GO");
        assertThat(json(record).get("signer").get("principal").asText()).isEqualTo("rm@example.com");

        assertThat(cli("verify-record", record.toString(), "--allowed-signers", allowed.toString())).isEqualTo(0);
        assertThat(out).startsWith("OK: " + record + " is signed by rm@example.com");
        assertThat(sshVerify(allowed, sig, record)).isEqualTo(0);
        assertThat(cli("verify-record", record.toString())).as("a signer nobody vouched for is not a checked signer").isEqualTo(1);
        assertThat(out).startsWith("SIGNER NOT CHECKED");

        // the forgery of the issue: decision to GO, blockers dropped, hash recomputed by the recipe in the file
        ObjectNode forged = (ObjectNode) json(record);
        forged.put("decision", "GO");
        forged.putArray("blockers");
        forged.remove("sha256");
        forged.put("sha256", CanonicalJson.sha256(forged));
        Path fake = work.resolve("forged.json");
        Files.writeString(fake, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(forged));
        Files.copy(sig, work.resolve("forged.json.sig"));
        assertThat(cli("verify-record", fake.toString(), "--allowed-signers", allowed.toString())).isEqualTo(1);
        assertThat(out).startsWith("REJECTED").contains("The record says GO, but its items give NO-GO: smoke-test: waiting for a sign-off");
        assertThat(sshVerify(allowed, work.resolve("forged.json.sig"), fake)).isNotEqualTo(0);

        // a cleverer forgery that also agrees with itself (smoke-test turned DONE): only the signature catches it
        ObjectNode consistent = (ObjectNode) json(record);
        ObjectNode smoke = (ObjectNode) consistent.get("items").get(5);
        smoke.put("status", "DONE");
        ObjectNode copied = consistent.get("signOffs").get(0).deepCopy();
        copied.put("itemId", "smoke-test");
        ((ObjectNode) copied.get("basis")).put("itemId", "smoke-test");
        consistent.withArray("signOffs").add(copied);
        consistent.put("decision", "GO");
        consistent.putArray("blockers");
        consistent.remove("sha256");
        consistent.put("sha256", CanonicalJson.sha256(consistent));
        Files.writeString(fake, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(consistent));
        assertThat(cli("verify-record", fake.toString(), "--allowed-signers", allowed.toString())).isEqualTo(1);
        assertThat(sshVerify(allowed, work.resolve("forged.json.sig"), fake)).isNotEqualTo(0);

        // and without its signature the record is only as good as its hash: with allowed signers, refused
        consistent.remove("signer");
        consistent.remove("sha256");
        consistent.put("sha256", CanonicalJson.sha256(consistent));
        Files.writeString(fake, consistent.toString());
        assertThat(cli("verify-record", fake.toString(), "--allowed-signers", allowed.toString())).isEqualTo(1);
        assertThat(out).startsWith("UNSIGNED");
    }

    @Test
    void verifyRecordRejectsADoneOnASignOffMadeOnAnotherCommit() throws Exception {
        Path record = work.resolve("r.json");
        assertThat(run("--record", record.toString(), "--no-history", "--sign-off", "smoke-test=wf-42 SUCCEEDED")).isEqualTo(0);
        ObjectNode moved = (ObjectNode) json(record);
        moved.put("gitSha", "180f2f2c0ffee0000000000000000000000000aa");
        moved.remove("sha256");
        moved.put("sha256", CanonicalJson.sha256(moved));
        Files.writeString(record, moved.toString());
        assertThat(cli("verify-record", record.toString())).isEqualTo(1);
        assertThat(out).contains("smoke-test: DONE on a sign-off that does not hold for this record. Stale sign-off: signed on "
                + head.substring(0, 7) + "; now 180f2f2");
    }

    @Test
    void aDirtyWorkingTreeIsStatedAndAFileOnlyStagedFailsBecauseACleanCloneWillNotHaveIt() throws Exception {
        // the broken Dockerfile is what is committed; the fix exists only in the working tree
        write(repo, "backend/Dockerfile.lambda", DOCKERFILE.replace("COPY src/ /var/task/src/", "COPY src/ /var/task/"));
        String broken = commitAll(repo, "break the image");
        write(repo, "backend/Dockerfile.lambda", DOCKERFILE);
        Path report = work.resolve("report.json");
        assertThat(run("--no-history", "--format", "json", "--out", report.toString())).isEqualTo(0);
        JsonNode ctx = json(report).get("context");
        assertThat(ctx.get("git.sha").asText()).isEqualTo(broken);
        assertThat(ctx.get("git.dirty").asText()).isEqualTo("true");
        assertThat(ctx.get("git.changedRead").asText()).isEqualTo("backend/Dockerfile.lambda (modified)");
        JsonNode docker = json(report).get("items").get(0);
        assertThat(docker.get("status").asText()).isEqualTo("PASS");
        assertThat(docker.get("notes")).extracting(JsonNode::asText).contains("Read backend/Dockerfile.lambda (modified) from the"
                + " working tree, which differs from HEAD: this verdict is about uncommitted changes, not about the commit a deploy builds.");
        assertThat(run("--no-history")).isEqualTo(0);
        assertThat(out).contains("verdicts about: the working tree, not HEAD " + broken.substring(0, 7)
                + ": it has uncommitted changes; changed files this run read: backend/Dockerfile.lambda (modified)");

        // staged, never committed: the deploy from a clean clone won't have it
        write(repo, "backend/src/aws_step_functions_v3.json", "{\"StartAt\": \"Init\", \"States\": {}}\n");
        git(repo, "rm", "-q", "--cached", "backend/src/aws_step_functions_v3.json");
        git(repo, "commit", "-q", "-m", "drop the ASL from the index");
        git(repo, "add", "backend/src/aws_step_functions_v3.json");
        Path record = work.resolve("r.json");
        assertThat(run("--no-history", "--record", record.toString())).isEqualTo(1);
        JsonNode asl = json(record).get("items").get(1);
        assertThat(asl.get("status").asText()).isEqualTo("FAIL");
        assertThat(asl.get("reason").asText()).isEqualTo("Staged but not committed: backend/src/aws_step_functions_v3.json."
                + " The deploy from a clean clone won't have it: commit and push it first.");
        assertThat(json(record).get("gitDirty").asBoolean()).isTrue();
        assertThat(json(record).get("verdictsAbout").asText()).startsWith("the working tree of ");
        assertThat(json(record).get("changedFilesRead")).extracting(JsonNode::asText).contains("backend/Dockerfile.lambda (modified)");

        git(repo, "stash", "-q");
        assertThat(run("--no-history", "--format", "json", "--out", report.toString())).isEqualTo(1);
        assertThat(json(report).get("context").get("git.dirty").asText()).isEqualTo("false");
    }

    @Test
    void lastGreenIsTheLastCompleteRunOnTheSameStageNotAOneItemRunOrAnotherStage() throws Exception {
        assertThat(run()).isEqualTo(0);
        String fullGreen = history().get(0);
        assertThat(run("--only", "dockerfile-copies-src")).isEqualTo(0);
        assertThat(run("--var", "stage=prod")).isEqualTo(0);
        write(repo, "backend/Dockerfile.lambda", DOCKERFILE.replace("COPY src/ /var/task/src/", "COPY src/ /var/task/"));
        assertThat(run()).isEqualTo(1);

        assertThat(cli("history")).isEqualTo(0);
        assertThat(out.lines().findFirst().orElseThrow()).contains("KIND");
        assertThat(out.lines().skip(1).filter(l -> !l.startsWith("(")).map(l -> l.split("\\s+")[1]).toList())
                .containsExactly("full", "full", "partial", "full");
        assertThat(out).contains("(green, but not a complete run: never 'last green')");

        assertThat(cli("diff", "last-green", "--format", "json")).isEqualTo(1);
        JsonNode diff = JsonMapper.builder().build().readTree(out);
        assertThat(diff.get("beforeName").asText()).isEqualTo(fullGreen);
        assertThat(diff.get("regressions").asInt()).isEqualTo(1);
    }

    private List<String> history() {
        cli("history");
        return out.lines().skip(1).filter(l -> !l.startsWith("(")).map(l -> l.split("\\s+")[0]).toList();
    }

    private static void ssh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    /** Exactly what a person without Greenlight runs: {@code ssh-keygen -Y verify … < FILE}. */
    private static int sshVerify(Path allowed, Path sig, Path file) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-Y", "verify", "-f", allowed.toString(), "-I", "rm@example.com",
                "-n", "greenlight-record", "-s", sig.toString()).redirectInput(file.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return code == 0 && said.startsWith("Good \"greenlight-record\" signature for rm@example.com") ? 0 : Math.max(code, 1);
    }
}
