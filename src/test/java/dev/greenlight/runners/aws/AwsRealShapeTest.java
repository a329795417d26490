package dev.greenlight.runners.aws;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.awsfake.FakeCloudFormation;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fact of a real deployment at a time, each on the ten-function stack so that nothing but that
 * fact differs: a resource past the first 100, stack events past the first page, a function's own
 * log group, Lambda's JSON log format, a tag re-pushed after the deploy, an alias receiving traffic.
 */
class AwsRealShapeTest {
    @TempDir
    Path checkout;

    static final String LOGS = """
            id: real-shape
            title: Real shape
            vars:
              stack: backend-workflow-dev
            sections:
              - id: aws
                title: AWS
                items:
                  - id: day-zero
                    title: Day-Zero line since the deploy
                    check: {type: logs-pattern, logical-id: InitializeStateDataFunction, pattern: '🎯 \\[Day-Zero Sync\\]', since: deploy}
                  - id: no-import-errors
                    title: No import errors since the deploy
                    check: {type: logs-pattern, logical-id: InitializeStateDataFunction, pattern: 'ModuleNotFoundError|ImportError|No module named', since: deploy, present: false}
                  - id: cold
                    title: Cold starts under 3 s
                    check: {type: logs-cold-start, logical-id: InitializeStateDataFunction, since: deploy, max-ms: 3000}
            """;

    static final String IMAGE = """
            id: real-shape-image
            title: Image
            vars:
              stack: backend-workflow-dev
            sections:
              - id: aws
                title: AWS
                items:
                  - id: image
                    title: InitializeStateData runs HEAD
                    check: {type: lambda-config, logical-id: InitializeStateDataFunction, image-tag: "%s"%s}
            """;

    private RunReport run(Deployment d, String yaml) {
        return AwsRuns.run(yaml, new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), checkout, false, Map.of());
    }

    private static ItemResult item(RunReport r, String id) {
        return AwsRuns.byId(r).get(id);
    }

    // ---- the resource cap ----

    @Test
    void aLogicalIdPastTheFirstHundredResourcesIsFound() {
        try (Deployment d = new Deployment()) {
            FakeCloudFormation.Stack stack = d.cloudFormation().stack(Deployment.STACK);
            for (int i = 0; i < 120; i++) {
                stack.resources.add(0, new FakeCloudFormation.Resource("Worker" + i + "Function", Deployment.STACK + "-Worker" + i,
                        "AWS::Lambda::Function", "UPDATE_COMPLETE", null, Instant.parse("2024-05-02T10:16:00Z")));
            }
            RunReport r = run(d, IMAGE.formatted(Deployment.SHA, ""));
            assertThat(item(r, "image").status()).as(item(r, "image").result().reason()).isEqualTo(Status.PASS);
            // one logical id: one DescribeStackResource, not two pages of the list
            assertThat(d.aws().calls()).filteredOn(c -> c.service().equals("cloudformation"))
                    .extracting(FakeAws.Call::operation).containsExactly("DescribeStackResource");
        }
    }

    @Test
    void aStackEventsFailureOlderThanTheFirstPageIsStillTheReason() {
        try (Deployment d = new Deployment().atScale().rolledBack()) {
            String yaml = """
                    id: events
                    title: Events
                    sections:
                      - id: aws
                        title: AWS
                        items:
                          - id: stack
                            title: Stack complete
                            check: {type: cfn-stack, stack: backend-workflow-dev}
                    """;
            ItemResult r = item(run(d, yaml), "stack");
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.result().reason()).contains("First failure: InitializeStateDataFunction UPDATE_FAILED: Resource handler returned message");
            assertThat(d.aws().calls()).filteredOn(c -> c.operation().equals("DescribeStackEvents")).hasSize(2);
        }
    }

    // ---- log groups and formats ----

    @Test
    void aFunctionsOwnLogGroupFromLoggingConfigIsTheOneRead() {
        try (Deployment d = new Deployment().customLogGroup("InitializeStateDataFunction", "/workflow/dev/initialize")) {
            RunReport r = run(d, LOGS);
            assertThat(item(r, "day-zero").status()).as(item(r, "day-zero").result().reason()).isEqualTo(Status.PASS);
            assertThat(item(r, "day-zero").result().reason()).contains("/workflow/dev/initialize");
            assertThat(item(r, "cold").status()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void aGoodDeployLoggingJsonIsAsGreenAsOneLoggingText() {
        try (Deployment text = new Deployment(); Deployment json = new Deployment().jsonLogs()) {
            RunReport t = run(text, LOGS);
            RunReport j = run(json, LOGS);
            for (String id : new String[]{"day-zero", "no-import-errors", "cold"}) {
                assertThat(item(j, id).status()).as(id + ": " + item(j, id).result().reason()).isEqualTo(item(t, id).status())
                        .isEqualTo(Status.PASS);
            }
            assertThat(item(j, "cold").result().actual()).isEqualTo(item(t, "cold").result().actual());
        }
    }

    @Test
    void aSlowColdStartInJsonPlatformReportsFails() {
        try (Deployment d = new Deployment().jsonLogs().slowColdStart(4200)) {
            ItemResult r = item(run(d, LOGS), "cold");
            assertThat(r.status()).as(r.result().reason()).isEqualTo(Status.FAIL);
            assertThat(r.result().reason()).startsWith("Slowest cold start 4200 ms exceeds 3000 ms");
            assertThat(r.result().evidence().get(0).text()).contains("\"type\":\"platform.report\"");
        }
    }

    @Test
    void anImportErrorRecordInJsonFailsTheAbsenceCheck() {
        try (Deployment d = new Deployment().jsonLogs().importErrorInLogs()) {
            ItemResult r = item(run(d, LOGS), "no-import-errors");
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.result().reason()).startsWith("2 line(s) matching");
        }
    }

    @Test
    void aDayZeroLineWithItsEmojiEscapedInJsonIsFound() {
        try (Deployment d = new Deployment().jsonLogs()) {
            ItemResult r = item(run(d, LOGS), "day-zero");
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.result().actual()).contains("\\uD83C\\uDFAF [Day-Zero Sync]");
        }
    }

    // ---- image provenance ----

    @Test
    void aTagRepushedAfterTheDeployFailsWithEveryHop() {
        try (Deployment d = new Deployment().repushedTag()) {
            ItemResult r = item(run(d, IMAGE.formatted(Deployment.SHA, "")), "image");
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.result().reason()).contains("runs digest sha256:2f2f2f2f2f2f").contains("now names sha256:3a3a3a3a3a3a")
                    .contains("re-pushed after the deploy");
            assertThat(r.result().evidence()).extracting(e -> e.subject() + " " + e.text())
                    .anySatisfy(t -> assertThat(t).startsWith("lambda:GetFunction 1. HEAD " + Deployment.SHA))
                    .anySatisfy(t -> assertThat(t).startsWith("ecr:DescribeImages 2. backend-lambda-function:" + Deployment.SHA))
                    .anySatisfy(t -> assertThat(t).startsWith("lambda:GetFunction 3. Code.ResolvedImageUri -> " + Deployment.DIGEST));
        }
    }

    @Test
    void theDigestPinnedAtDeployIsGreenWhileTheTagStillNamesIt() {
        try (Deployment d = new Deployment()) {
            ItemResult r = item(run(d, IMAGE.formatted(Deployment.SHA, "")), "image");
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.result().actual()).contains("runs " + Deployment.DIGEST);
        }
    }

    @Test
    void theAliasThatReceivesTrafficIsTheOneJudged() {
        try (Deployment d = new Deployment()) {
            var latest = d.lambda().function(Deployment.functionName("InitializeStateDataFunction"));
            var live = new dev.greenlight.awsfake.FakeLambda.Function(latest.name, latest.arn + ":live");
            live.imageUri = Deployment.imageUri(Deployment.OLD_SHA);
            live.resolvedDigest = Deployment.OLD_DIGEST;
            latest.qualified.put("live", live);
            // $LATEST has the new image; the alias that takes the traffic still points at the old version
            assertThat(item(run(d, IMAGE.formatted(Deployment.SHA, "")), "image").status()).isEqualTo(Status.PASS);
            ItemResult r = item(run(d, IMAGE.formatted(Deployment.SHA, ", qualifier: live")), "image");
            assertThat(r.status()).isEqualTo(Status.FAIL);
            assertThat(r.result().actual()).contains(Deployment.OLD_SHA);
        }
    }
}
