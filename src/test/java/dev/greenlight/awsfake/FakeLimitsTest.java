package dev.greenlight.awsfake;

import dev.greenlight.runners.aws.AwsSession;
import dev.greenlight.runners.aws.AwsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourceRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesRequest;
import software.amazon.awssdk.services.cloudformation.model.ListStackResourcesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fake endpoint keeps AWS's documented limits, so a runner that ignores them fails here as it
 * would on a real account: DescribeStackResources' 100, ListStackResources' pages of 100,
 * DescribeStackResource's error for an unknown id, FilterLogEvents' 1 MB page, DescribeImages' and
 * ListStateMachines' pages.
 */
class FakeLimitsTest {
    private Deployment d;
    private AwsSession session;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        d = new Deployment().atScale();
        session = AwsSession.create(new AwsSettings(null, Deployment.REGION, d.endpoint().toString()));
    }

    @AfterEach
    void stop() {
        session.close();
        d.close();
    }

    @Test
    void describeStackResourcesAnswersOnlyTheFirstHundred() {
        int total = d.cloudFormation().stack(Deployment.STACK).resources.size();
        assertThat(total).isGreaterThanOrEqualTo(150);
        var answered = session.cfn().describeStackResources(DescribeStackResourcesRequest.builder().stackName(Deployment.STACK).build())
                .stackResources();
        assertThat(answered).hasSize(100);
        assertThat(answered).extracting(r -> r.logicalResourceId()).doesNotContain("StepFunctionOrchestrator", "InitializeStateDataFunction");
    }

    @Test
    void listStackResourcesPagesAHundredAtATimeWithAToken() {
        ListStackResourcesResponse first = session.cfn().listStackResources(ListStackResourcesRequest.builder().stackName(Deployment.STACK).build());
        assertThat(first.stackResourceSummaries()).hasSize(100);
        assertThat(first.nextToken()).isNotBlank();
        List<String> all = session.cfn().listStackResourcesPaginator(ListStackResourcesRequest.builder().stackName(Deployment.STACK).build())
                .stackResourceSummaries().stream().map(r -> r.logicalResourceId()).toList();
        assertThat(all).hasSize(d.cloudFormation().stack(Deployment.STACK).resources.size())
                .contains("StepFunctionOrchestrator", "InitializeStateDataFunction").doesNotHaveDuplicates();
    }

    @Test
    void describeStackResourceOfAnUnknownIdIsAValidationError() {
        assertThat(session.cfn().describeStackResource(DescribeStackResourceRequest.builder().stackName(Deployment.STACK)
                .logicalResourceId("StepFunctionOrchestrator").build()).stackResourceDetail().physicalResourceId())
                .isEqualTo(Deployment.stateMachineArn("WorkflowOrchestrator-dev"));
        assertThatThrownBy(() -> session.cfn().describeStackResource(DescribeStackResourceRequest.builder().stackName(Deployment.STACK)
                .logicalResourceId("GhostFunction").build()))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Resource GhostFunction does not exist for stack " + Deployment.STACK);
                });
    }

    @Test
    void filterLogEventsStopsAPageAtOneMegabyte() {
        String group = "/aws/lambda/chatty";
        String big = "x".repeat(100_000);
        for (int i = 0; i < 25; i++) {
            d.logs().put(group, "s", 1000 + i, big + i);
        }
        FilterLogEventsResponse first = session.logs().filterLogEvents(FilterLogEventsRequest.builder().logGroupName(group).build());
        // 10 events of 100,026 bytes fit in 1,048,576; the eleventh does not
        assertThat(first.events()).hasSize(10);
        assertThat(first.nextToken()).isNotBlank();
        long total = session.logs().filterLogEventsPaginator(FilterLogEventsRequest.builder().logGroupName(group).build())
                .events().stream().count();
        assertThat(total).isEqualTo(25);
    }

    @Test
    void describeImagesListsAHundredAPageAndRefusesMaxResultsWithImageIds() {
        for (int i = 0; i < 130; i++) {
            d.ecr().push(Deployment.REPOSITORY, new FakeEcr.Image("sha256:" + String.format("%064x", i), List.of("build-" + i),
                    Instant.parse("2024-04-01T00:00:00Z").plusSeconds(i), 1000));
        }
        DescribeImagesResponse first = session.ecr().describeImages(DescribeImagesRequest.builder().repositoryName(Deployment.REPOSITORY).build());
        assertThat(first.imageDetails()).hasSize(100);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(session.ecr().describeImagesPaginator(DescribeImagesRequest.builder().repositoryName(Deployment.REPOSITORY).build())
                .imageDetails().stream().count()).isEqualTo(132);
        assertThatThrownBy(() -> session.ecr().describeImages(DescribeImagesRequest.builder().repositoryName(Deployment.REPOSITORY)
                .imageIds(ImageIdentifier.builder().imageTag("build-1").build()).maxResults(10).build()))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aRepushedTagNamesTheNewDigestOnly() {
        d.repushedTag();
        assertThat(session.ecr().describeImages(DescribeImagesRequest.builder().repositoryName(Deployment.REPOSITORY)
                .imageIds(ImageIdentifier.builder().imageTag(Deployment.SHA).build()).build()).imageDetails())
                .singleElement().satisfies(i -> assertThat(i.imageDigest()).isEqualTo("sha256:" + "3a".repeat(32)));
    }

    @Test
    void listStateMachinesPagesAHundredByDefault() {
        for (int i = 0; i < 120; i++) {
            d.stepFunctions().put(new FakeStepFunctions.StateMachine("Other" + i, Deployment.stateMachineArn("Other" + i), "{}"));
        }
        var first = session.sfn().listStateMachines(ListStateMachinesRequest.builder().build());
        assertThat(first.stateMachines()).hasSize(100);
        assertThat(first.nextToken()).isNotBlank();
        assertThat(session.sfn().listStateMachinesPaginator(ListStateMachinesRequest.builder().build()).stateMachines().stream().count())
                .isEqualTo(122);
    }
}
