package dev.greenlight.runners.aws;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeAws;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.VariableException;
import dev.greenlight.engine.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aws./stack./arn. variables resolve against the deployed stack, once per run. */
class AwsSupportTest {
    private Deployment d;
    private Services services;
    private Variables vars;

    @BeforeEach
    void start() {
        AwsRuns.testCredentials();
        d = new Deployment();
        services = new Services();
        vars = AwsSupport.install(services, Variables.of(Map.of("stage", "dev", "stack", "backend-workflow-${stage}")),
                new AwsSettings(null, Deployment.REGION, d.endpoint().toString()));
    }

    @AfterEach
    void stop() {
        services.close();
        d.close();
    }

    @Test
    void resolvesAccountRegionArnAndPartition() throws Exception {
        assertThat(vars.resolve("aws.account")).isEqualTo(Deployment.ACCOUNT);
        assertThat(vars.resolve("aws.arn")).isEqualTo(Deployment.CALLER_ARN);
        assertThat(vars.resolve("aws.region")).isEqualTo("us-east-1");
        assertThat(vars.resolve("aws.partition")).isEqualTo("aws");
        assertThat(d.aws().calls()).extracting(FakeAws.Call::operation).containsExactly("GetCallerIdentity");
    }

    @Test
    void findsPhysicalIdsAndArnsOfLogicalIdsInTheChecklistsStack() throws Exception {
        assertThat(vars.interpolate("${stack.InitializeStateDataFunction}"))
                .isEqualTo("backend-workflow-dev-InitializeStateDataFunction-AbC123");
        assertThat(vars.resolve("arn.InitializeStateDataFunction"))
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:backend-workflow-dev-InitializeStateDataFunction-AbC123");
        assertThat(vars.resolve("arn.StepFunctionOrchestrator"))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:WorkflowOrchestrator-dev");
        assertThat(vars.resolve("stack.SegmentRunnerFunction")).endsWith("-SegmentRunnerFunction-GhI789");
        // no plan (variables only): one DescribeStackResource per distinct logical id, never the 100-capped DescribeStackResources
        assertThat(d.aws().calls()).filteredOn(c -> c.service().equals("cloudformation"))
                .extracting(FakeAws.Call::operation).containsOnly("DescribeStackResource").hasSize(3);
    }

    @Test
    void anUnknownLogicalIdIsAFailNamingTheStack() {
        assertThatThrownBy(() -> vars.resolve("stack.GhostFunction")).isInstanceOfSatisfying(VariableException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.FAIL);
            assertThat(e.getMessage()).isEqualTo("stack backend-workflow-dev has no resource with logical id GhostFunction");
        });
    }

    @Test
    void aDeniedLookupIsAnErrorNamingTheAction() {
        d.aws().fault(FakeAws.Fault.error("DescribeStackResource", 403, "AccessDenied", "not allowed"));
        assertThatThrownBy(() -> vars.resolve("stack.InitializeStateDataFunction")).isInstanceOfSatisfying(VariableException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.ERROR);
            assertThat(e.getMessage()).contains("grant cloudformation:DescribeStackResource on stack backend-workflow-dev");
        });
    }

    @Test
    void aRoleArnHasNoArnVariable() {
        assertThatThrownBy(() -> vars.resolve("arn.StepFunctionOrchestratorRole")).isInstanceOfSatisfying(VariableException.class,
                e -> assertThat(e.getMessage()).contains("use ${stack.StepFunctionOrchestratorRole} for its physical id"));
    }

    @Test
    void reportContextIsEmptyWithoutASessionAndNamesTheAccountWithOne() throws Exception {
        assertThat(AwsSupport.reportContext(services)).isEmpty();
        assertThat(d.aws().calls()).isEmpty();
        AwsSupport.session(services);
        assertThat(AwsSupport.reportContext(services)).containsEntry("aws.account", Deployment.ACCOUNT)
                .containsEntry("aws.region", "us-east-1").containsEntry("aws.endpoint", d.endpoint().toString());
    }

    @Test
    void aSetupFailureIsRememberedAndSkipsTheVariables() {
        Services other = new Services();
        Variables v = AwsSupport.install(other, Variables.of(Map.of()), new AwsSettings(null, "us-east-1", "not a url"));
        assertThatThrownBy(() -> v.resolve("aws.account")).isInstanceOfSatisfying(VariableException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.ERROR);
            assertThat(e.getMessage()).contains("The endpoint URL 'not a url' is not a valid URL");
        });
        assertThatThrownBy(() -> AwsSupport.session(other)).hasMessageContaining("not a valid URL");
        assertThat(AwsSupport.reportContext(other)).isEmpty();
    }
}
