package dev.greenlight.awsfake;

import dev.greenlight.runners.aws.AwsSession;
import dev.greenlight.runners.aws.AwsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Logs fake answers the real SDK client: filter-pattern semantics, paging, errors. */
class FakeLogsTest {
    private static final String G = "/aws/lambda/fn";
    private FakeAws aws;
    private FakeLogs logs;
    private AwsSession session;

    @BeforeEach
    void start() throws Exception {
        logs = new FakeLogs();
        aws = new FakeAws().register(logs);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        session = AwsSession.create(new AwsSettings(null, "us-east-1", aws.endpoint().toString()));
        logs.put(G, "s1", 1000, "[ERROR] ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'")
                .put(G, "s1", 2000, "[INFO] 🎯 [Day-Zero Sync] state bag ready")
                .put(G, "s2", 3000, "[WARN] retrying Exiting soon")
                .put(G, "s2", 4000, "[ERROR] Exiting after ERROR in handler");
    }

    @AfterEach
    void stop() {
        session.close();
        aws.close();
    }

    private CloudWatchLogsClient client() {
        return session.logs();
    }

    private List<String> filter(String pattern) {
        return client().filterLogEvents(FilterLogEventsRequest.builder().logGroupName(G).filterPattern(pattern).build())
                .events().stream().map(FilteredLogEvent::message).toList();
    }

    @Test
    void plainTermsMustAllAppear() {
        assertThat(filter("ERROR Exiting")).containsExactly("[ERROR] Exiting after ERROR in handler");
        assertThat(filter("ERROR")).hasSize(2);
        assertThat(filter("error")).as("case-sensitive").isEmpty();
    }

    @Test
    void quotedPhraseMatchesAsAWhole() {
        assertThat(filter("\"Day-Zero Sync\"")).containsExactly("[INFO] 🎯 [Day-Zero Sync] state bag ready");
        assertThat(filter("\"Sync Day-Zero\"")).isEmpty();
    }

    @Test
    void questionMarkTermsAreAlternatives() {
        assertThat(filter("?WARN ?INFO")).hasSize(2);
        assertThat(filter("?NOPE ?ALSO_NOPE")).isEmpty();
    }

    @Test
    void minusTermsExclude() {
        assertThat(filter("ERROR -Exiting")).containsExactly(
                "[ERROR] ModuleNotFoundError: No module named 'src.handlers.utils.universal_sync_core'");
    }

    @Test
    void emptyPatternMatchesEverythingAndJsonPatternsAreRejected() {
        assertThat(filter("")).hasSize(4);
        assertThatThrownBy(() -> filter("{ $.level = \"ERROR\" }")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void filtersByTimeStreamAndIdentifier() {
        FilterLogEventsResponse r = client().filterLogEvents(FilterLogEventsRequest.builder()
                .logGroupIdentifier("arn:aws:logs:us-east-1:123456789012:log-group:" + G)
                .logStreamNames("s2").startTime(3500L).endTime(5000L).build());
        assertThat(r.events()).extracting(FilteredLogEvent::timestamp).containsExactly(4000L);
        assertThat(r.events().get(0).logStreamName()).isEqualTo("s2");
    }

    @Test
    void pagesWithNextTokenAndGivesEveryEventAnId() {
        logs.pageSize(3);
        List<FilteredLogEvent> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            FilterLogEventsResponse r = client().filterLogEvents(FilterLogEventsRequest.builder().logGroupName(G)
                    .nextToken(token).limit(2).build());
            all.addAll(r.events());
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(all).extracting(FilteredLogEvent::timestamp).containsExactly(1000L, 2000L, 3000L, 4000L);
        assertThat(all).extracting(FilteredLogEvent::eventId).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void missingGroupIsResourceNotFound() {
        assertThatThrownBy(() -> client().filterLogEvents(FilterLogEventsRequest.builder().logGroupName("/aws/lambda/nope").build()))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified log group does not exist."));
    }

    @Test
    void describesGroupsByPrefixAndReadsAStream() {
        logs.group("/other/group");
        assertThat(client().describeLogGroups(DescribeLogGroupsRequest.builder().logGroupNamePrefix("/aws/lambda/").build())
                .logGroups()).extracting(LogGroup::logGroupName).containsExactly(G);
        assertThat(client().getLogEvents(GetLogEventsRequest.builder().logGroupName(G).logStreamName("s1").build()).events())
                .extracting(OutputLogEvent::timestamp).containsExactly(1000L, 2000L);
    }

    @Test
    void injectedThrottlingAndDenialArriveInTheJsonErrorShape() {
        aws.fault(FakeAws.Fault.error("DescribeLogGroups", 400, "AccessDeniedException", "not authorized to perform logs:DescribeLogGroups"));
        assertThatThrownBy(() -> client().describeLogGroups(DescribeLogGroupsRequest.builder().build()))
                .hasMessageContaining("not authorized to perform logs:DescribeLogGroups");
        aws.fault(FakeAws.Fault.error("GetLogEvents", 400, "ThrottlingException", "Rate exceeded").times(3));
        assertThatThrownBy(() -> client().getLogEvents(GetLogEventsRequest.builder().logGroupName(G).logStreamName("s1").build()))
                .hasMessageContaining("Rate exceeded").hasMessageContaining("SDK Attempt Count: 3");
    }
}
