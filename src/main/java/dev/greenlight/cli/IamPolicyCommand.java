package dev.greenlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.Greenlight;
import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Item;
import dev.greenlight.model.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Prints the least-privilege IAM policy a checklist needs: the actions of the runners it uses
 * ({@link Runner#iamActions()}) and of the AWS variables it refers to, read-only actions in one
 * statement and anything that runs code (Lambda Invoke) in a second one, only when an item invokes.
 */
@Command(name = "iam-policy", mixinStandardHelpOptions = true, versionProvider = GreenlightCommand.Version.class,
        description = {"Print the least-privilege IAM policy (JSON) a checklist needs.",
        "Derived from the runners the checklist uses; Lambda Invoke only when an item invokes."})
final class IamPolicyCommand implements Callable<Integer> {
    private static final Set<String> READ_VERBS = Set.of("Describe", "Get", "List", "Filter");

    @Mixin
    ChecklistOption checklistOption;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadResult result = checklistOption.load();
        if (!result.ok()) {
            ChecklistOption.printProblems(result, err);
            return GreenlightCommand.ERROR;
        }
        Checklist c = result.checklist().orElseThrow();
        Set<String> read = new TreeSet<>();
        Set<String> write = new TreeSet<>();
        List<String> invokers = new ArrayList<>();
        for (Item item : (Iterable<Item>) c.items()::iterator) {
            if (item.check() == null) {
                continue;
            }
            Runner<?> runner = Greenlight.registry().find(item.check().type()).orElse(null);
            if (runner == null) {
                continue;
            }
            for (String action : runner.iamActions()) {
                (isRead(action) ? read : write).add(action);
            }
            if (runner.access() == Runner.Access.INVOKE) {
                invokers.add(item.id());
            }
            variableActions(item.check().params().toString(), read);
        }
        c.vars().values().forEach(v -> variableActions(v, read));
        if (!read.isEmpty()) {
            // the report header names the account of every run that used AWS
            read.add("sts:GetCallerIdentity");
        }
        out.println(policy(read, write).toPrettyString());
        if (!write.isEmpty()) {
            err.println("Note: " + String.join(", ", write) + " runs code in the account; it is needed only with --allow-invoke, by "
                    + String.join(", ", invokers) + ". Leave the GreenlightInvoke statement out for a read-only role.");
        }
        if (read.isEmpty() && write.isEmpty()) {
            err.println("Note: checklist " + c.id() + " makes no AWS calls; the policy is empty.");
        }
        return GreenlightCommand.OK;
    }

    /** Variables that call AWS when resolved. */
    static void variableActions(String text, Set<String> actions) {
        for (String name : Variables.references(text)) {
            if (name.equals("aws.account") || name.equals("aws.arn")) {
                actions.add("sts:GetCallerIdentity");
            } else if (name.startsWith("stack.")) {
                actions.add("cloudformation:DescribeStackResources");
            } else if (name.startsWith("arn.")) {
                actions.add("cloudformation:DescribeStackResources");
                actions.add("sts:GetCallerIdentity");
            }
        }
    }

    static boolean isRead(String action) {
        String verb = action.substring(action.indexOf(':') + 1);
        return READ_VERBS.stream().anyMatch(verb::startsWith);
    }

    static JsonNode policy(Set<String> read, Set<String> write) {
        JsonMapper json = new JsonMapper();
        ObjectNode p = json.createObjectNode();
        p.put("Version", "2012-10-17");
        ArrayNode statements = p.putArray("Statement");
        if (!read.isEmpty()) {
            statement(statements, "GreenlightReadOnly", read);
        }
        if (!write.isEmpty()) {
            statement(statements, "GreenlightInvoke", write);
        }
        return p;
    }

    private static void statement(ArrayNode statements, String sid, Set<String> actions) {
        ObjectNode s = statements.addObject();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        ArrayNode a = s.putArray("Action");
        actions.forEach(a::add);
        s.put("Resource", "*");
    }
}
