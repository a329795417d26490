package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IamPolicyCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static final String READ_ONLY = """
            id: deployed
            title: Deployed stack
            vars:
              stack: backend-workflow-dev
            sections:
              - id: aws
                title: AWS
                items:
                  - id: stack
                    title: Stack is complete
                    check: {type: cfn-stack, stack: "${stack}"}
                  - id: image
                    title: Lambda runs HEAD
                    check: {type: lambda-config, function: "${stack.InitializeStateDataFunction}", image-tag: abc}
                  - id: files
                    title: A local check adds nothing
                    check: {type: file-exists, paths: [template.yaml]}
            """;

    private int run(String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return GreenlightCommand.execute(new String[]{"iam-policy", "--checklist", file.toString()},
                new PrintWriter(out), new PrintWriter(err));
    }

    private static List<String> actions(JsonNode statement) {
        List<String> a = new ArrayList<>();
        statement.get("Action").forEach(n -> a.add(n.asText()));
        return a;
    }

    @Test
    void printsOnlyTheReadActionsOfTheRunnersAndVariablesUsed() throws Exception {
        assertThat(run(READ_ONLY)).isZero();
        JsonNode policy = new JsonMapper().readTree(out.toString());
        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        List<String> all = new ArrayList<>();
        policy.get("Statement").forEach(st -> {
            assertThat(st.get("Sid").asText()).startsWith("GreenlightRead");
            all.addAll(actions(st));
        });
        // a variable names one logical id: it is described alone, and the lambda-config's tag is traced through ECR
        assertThat(all).containsExactlyInAnyOrder("cloudformation:DescribeStackEvents", "cloudformation:DescribeStackResource",
                "cloudformation:DescribeStacks", "lambda:GetFunction", "ecr:DescribeImages", "sts:GetCallerIdentity");
        assertThat(out.toString()).doesNotContain("Invoke").doesNotContain("states:").doesNotContain("DescribeStackResources");
        assertThat(policy.get("Statement")).anySatisfy(st -> {
            assertThat(actions(st)).contains("cloudformation:DescribeStacks");
            assertThat(st.get("Resource").asText()).isEqualTo("arn:aws:cloudformation:*:*:stack/backend-workflow-dev/*");
        });
    }

    @Test
    void addsInvokeInItsOwnStatementWithANoteOnlyWhenAnItemInvokes() throws Exception {
        String withInvoke = READ_ONLY + """
                      - id: usc-import
                        title: USC imports
                        check: {type: lambda-invoke, logical-id: InitializeStateDataFunction, payload: {test: module_check}}
                """;
        assertThat(run(withInvoke)).isZero();
        JsonNode statements = new JsonMapper().readTree(out.toString()).get("Statement");
        JsonNode invoke = statements.get(statements.size() - 1);
        assertThat(invoke.get("Sid").asText()).isEqualTo("GreenlightInvoke");
        assertThat(actions(invoke)).containsExactly("lambda:InvokeFunction");
        // scoped to the stack's functions (CloudFormation's generated names), not "*"
        assertThat(invoke.get("Resource").asText()).isEqualTo("arn:aws:lambda:*:*:function:backend-workflow-dev-*");
        for (int i = 0; i < statements.size() - 1; i++) {
            assertThat(statements.get(i).get("Sid").asText()).startsWith("GreenlightRead");
            assertThat(actions(statements.get(i))).allSatisfy(a -> assertThat(a).matches("[a-z]+:(Describe|Get|List|Filter).*"));
        }
        assertThat(err.toString()).contains("lambda:InvokeFunction runs code in the account").contains("usc-import");
    }

    @Test
    void aChecklistWithoutAwsItemsNeedsNoActions() throws Exception {
        String local = """
                id: local
                title: Local only
                sections:
                  - id: files
                    title: Files
                    items:
                      - id: t
                        title: Template exists
                        check: {type: file-exists, paths: [template.yaml]}
                """;
        assertThat(run(local)).isZero();
        assertThat(new JsonMapper().readTree(out.toString()).get("Statement")).isEmpty();
        assertThat(err.toString()).contains("makes no AWS calls");
    }
}
