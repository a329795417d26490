package dev.greenlight.init;

import dev.greenlight.runners.local.SamCheckout;

import java.util.ArrayList;
import java.util.List;

import static dev.greenlight.init.GenItem.lit;

/** Items for a state machine of a template: its definition file and its placeholders. */
final class StateMachineItems {
    private StateMachineItems() {
    }

    static List<GenItem> of(SamCheckout.Template t, SamCheckout.StateMachine sm, String prefix) {
        List<GenItem> out = new ArrayList<>();
        String id = prefix + GenItem.slug(sm.logicalId());
        String file = sm.definitionFile();
        String tpl = t.file();
        if (file != null) {
            String shown = lit(file);
            out.add(new GenItem(id + "-definition-exists", sm.logicalId() + "'s definition file " + shown + " exists")
                    .why(sm.definitionProperty() + " names this file; sam build/deploy stop with \"not found\" when it is missing.")
                    .check("file-exists").with("paths", List.of(shown))
                    .fix("List the definition files beside the template", "not found|missing|no such file",
                            "ls -la " + lit(dir(file)))
                    .fix("Where the template points", null, "grep -n -E '" + sm.definitionProperty() + "' " + lit(tpl)));
            out.add(new GenItem(id + "-definition-tracked", sm.logicalId() + "'s definition file is committed (tracked by git)")
                    .why("CI deploys a fresh clone: a file that exists only on your disk is \"not found\" in the pipeline.")
                    .check("git-tracked").with("paths", List.of(shown))
                    .fix("Is it in the index?", "untracked|not tracked|not in the index", "git ls-files --error-unmatch " + shown)
                    .fix("Add it", "untracked|not tracked", "git add " + shown, true));
            out.add(new GenItem(id + "-definition-not-ignored", "No .gitignore rule hides " + sm.logicalId() + "'s definition file")
                    .why("An ignore rule keeps a recreated or renamed definition out of the next commit, and the pipeline deploys without it.")
                    .check("git-not-ignored").with("paths", List.of(shown))
                    .fix("Which rule ignores it", "ignored", "git check-ignore -v " + shown));
            if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                out.add(new GenItem(id + "-definition-parses", sm.logicalId() + "'s definition file is valid JSON")
                        .why("SAM reads the file as JSON; CloudFormation refuses the stack update when it does not parse.")
                        .check("json").with("file", shown)
                        .fix("Show the parse error", "parse|JSON|line", "python3 -m json.tool " + shown + " > /dev/null"));
            }
        }
        if (file != null || "Definition".equals(sm.definitionProperty()) || "DefinitionString".equals(sm.definitionProperty())) {
            String placeholders = file != null ? "grep -o -E '\\$\\{[A-Za-z0-9_.:-]+\\}' " + lit(file) + " | sort -u"
                    : "grep -n -o -E '\\$\\{[A-Za-z0-9_.:-]+\\}' " + lit(tpl);
            out.add(new GenItem(id + "-substitutions", "Every $${…} placeholder of " + sm.logicalId()
                    + "'s definition has a DefinitionSubstitutions entry whose target exists")
                    .why("An unmapped placeholder stays in the deployed definition as literal text, and the state that uses it"
                            + " fails at run time (\"Lambda function not found: $${FooArn}\"); an entry pointing at a resource the"
                            + " template does not have fails the deploy.")
                    .check("cfn-substitutions").with("template", lit(tpl)).with("resource", sm.logicalId())
                    .symptoms("Lambda function not found: \\$\\{\\w+\\}", "Invalid Arn.*\\$\\{\\w+\\}")
                    .fix("The placeholders the definition uses", "placeholder|\\$\\{|substitut", placeholders)
                    .fix("The DefinitionSubstitutions of the template", "placeholder|substitut|target|not in the template",
                            "grep -n -A20 DefinitionSubstitutions " + lit(tpl)));
        }
        return out;
    }

    private static String dir(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }
}
