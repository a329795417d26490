package dev.greenlight.bundled;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.awsfake.Deployment;
import dev.greenlight.awsfake.FakeRequest;
import dev.greenlight.cli.GreenlightCommand;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy {@code greenlight iam-policy} prints for the bundled checklist, proven against what
 * the checklist really calls: the whole checklist runs (with --allow-invoke) against the realistic
 * deployment, every request is turned into the IAM action and resource ARN AWS would authorise, and
 * each must be allowed by one of the policy's statements (IAM's wildcard matching); and every
 * statement's every action and resource must have been used by some request — the policy grants
 * nothing the checklist never calls.
 */
class IamPolicyProofTest {
    @TempDir
    Path dir;

    record Grant(String action, String resource) {
    }

    record Statement(Set<String> actions, List<String> resources) {
        boolean allows(Grant g) {
            return actions.contains(g.action()) && resources.stream().anyMatch(r -> matches(r, g.resource()));
        }
    }

    @Test
    void everyRequestOfTheBundledChecklistIsAllowedAndEveryGrantIsUsed() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(GreenlightCommand.execute(new String[]{"iam-policy"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        List<Statement> policy = statements(new JsonMapper().readTree(out.toString()));
        // "*" is left only where IAM has no resource-level permission
        assertThat(policy).filteredOn(s -> s.resources().contains("*")).allSatisfy(s ->
                assertThat(s.actions()).isSubsetOf("sts:GetCallerIdentity", "states:ListStateMachines"));

        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        Path checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        String head = new GitRepo(checkout).head().orElseThrow();
        Checklist checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        try (Deployment d = new Deployment(head).atScale()) {
            RunReport report = Greenlight.prepare(checklist, RunOptions.defaults(checkout).withAllowInvoke(true),
                    new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), null).runBlocking();
            assertThat(report.results()).extracting(r -> r.status()).doesNotContain(Status.ERROR, Status.FAIL);
            List<Grant> used = new ArrayList<>();
            for (FakeRequest r : d.aws().requests()) {
                used.add(grant(r, d));
            }
            assertThat(used).isNotEmpty().allSatisfy(g -> assertThat(policy).as(g.action() + " on " + g.resource())
                    .anySatisfy(s -> assertThat(s.allows(g)).isTrue()));
            for (Statement s : policy) {
                for (String action : s.actions()) {
                    for (String resource : s.resources()) {
                        assertThat(used).as("granted but never called: " + action + " on " + resource)
                                .anySatisfy(g -> assertThat(g.action().equals(action) && matches(resource, g.resource())).isTrue());
                    }
                }
            }
            // no write call at all: reads, and the three invokes the run was allowed
            assertThat(used).allSatisfy(g -> assertThat(g.action()).matches("[a-z]+:(Describe|Get|List|Filter).*|lambda:InvokeFunction"));
        }
    }

    private static List<Statement> statements(JsonNode policy) {
        List<Statement> out = new ArrayList<>();
        for (JsonNode s : policy.get("Statement")) {
            assertThat(s.get("Effect").asText()).isEqualTo("Allow");
            Set<String> actions = new LinkedHashSet<>();
            s.get("Action").forEach(a -> actions.add(a.asText()));
            List<String> resources = new ArrayList<>();
            if (s.get("Resource").isArray()) {
                s.get("Resource").forEach(r -> resources.add(r.asText()));
            } else {
                resources.add(s.get("Resource").asText());
            }
            out.add(new Statement(actions, resources));
        }
        return out;
    }

    /** What IAM authorises for a request: the action and the ARN of the resource it names. */
    private static Grant grant(FakeRequest r, Deployment d) {
        String region = Deployment.REGION;
        String account = Deployment.ACCOUNT;
        switch (r.service()) {
            case "cloudformation":
                return new Grant("cloudformation:" + r.operation(), d.cloudFormation().stack(r.form().get("StackName")).id);
            case "lambda": {
                String name = URLDecoder.decode(r.path().replaceAll("^/2015-03-31/functions/([^/]+).*$", "$1"), StandardCharsets.UTF_8);
                String arn = name.startsWith("arn:") ? name : "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
                String q = r.rawQuery() == null ? null : r.rawQuery().replaceAll("^.*Qualifier=([^&]+).*$", "$1");
                if (q != null && !q.equals(r.rawQuery())) {
                    arn += ":" + q;
                }
                return new Grant(r.operation().equals("Invoke") ? "lambda:InvokeFunction" : "lambda:" + r.operation(), arn);
            }
            case "logs":
                return new Grant("logs:" + r.operation(), "arn:aws:logs:" + region + ":" + account + ":log-group:"
                        + r.json().path("logGroupName").asText());
            case "ecr":
                return new Grant("ecr:" + r.operation(), "arn:aws:ecr:" + region + ":" + r.json().path("registryId").asText(account)
                        + ":repository/" + r.json().path("repositoryName").asText());
            case "states":
                return new Grant("states:" + r.operation(), r.operation().startsWith("List") ? "*" : r.json().path("stateMachineArn").asText());
            default:
                return new Grant(r.service() + ":" + r.operation(), "*");
        }
    }

    /** IAM's resource matching: {@code *} any run of characters, {@code ?} one, case-sensitive. */
    static boolean matches(String pattern, String arn) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(re.toString(), arn);
    }
}
