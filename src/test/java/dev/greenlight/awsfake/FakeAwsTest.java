package dev.greenlight.awsfake;

import dev.greenlight.runners.aws.AwsSession;
import dev.greenlight.runners.aws.AwsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake endpoint routes real SDK requests by signing name and speaks the Query error shape. */
class FakeAwsTest {
    private FakeAws aws;

    /** The smallest Query-protocol service: STS GetCallerIdentity. */
    static final class TinySts implements FakeService {
        @Override
        public String signingName() {
            return "sts";
        }

        @Override
        public FakeResponse handle(FakeRequest r) {
            return FakeResponse.queryOk(r.operation(), "https://sts.amazonaws.com/doc/2011-06-15/",
                    "<Arn>arn:aws:iam::123456789012:user/dev</Arn><UserId>AIDA</UserId><Account>123456789012</Account>");
        }

        @Override
        public FakeResponse error(int status, String code, String message) {
            return FakeResponse.queryError(status, code, message);
        }
    }

    @BeforeEach
    void start() {
        aws = new FakeAws().register(new TinySts());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private AwsSession session() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        return AwsSession.create(new AwsSettings(null, "us-east-1", aws.endpoint().toString()));
    }

    @Test
    void answersTheRealSdkAndCountsTheCall() throws Exception {
        try (AwsSession s = session()) {
            GetCallerIdentityResponse id = s.sts().getCallerIdentity();
            assertThat(id.account()).isEqualTo("123456789012");
            assertThat(aws.calls()).extracting(FakeAws.Call::operation).containsExactly("GetCallerIdentity");
            assertThat(s.totalCalls()).isEqualTo(1);
        }
    }

    @Test
    void injectedFaultsArriveAsTheServiceErrorCode() throws Exception {
        aws.fault(FakeAws.Fault.error("GetCallerIdentity", 403, "AccessDenied", "User is not authorized to perform: sts:GetCallerIdentity"));
        try (AwsSession s = session()) {
            assertThatThrownBy(() -> s.sts().getCallerIdentity()).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void memoisesPerRunSoEachResourceIsAskedOnce() throws Exception {
        try (AwsSession s = session()) {
            for (int i = 0; i < 5; i++) {
                s.once("sts:identity", () -> s.sts().getCallerIdentity());
            }
            assertThat(aws.calls()).hasSize(1);
        }
    }
}
