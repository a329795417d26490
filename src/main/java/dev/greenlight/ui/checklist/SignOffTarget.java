package dev.greenlight.ui.checklist;

import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.signoff.SignOffBasis;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What sign-offs are judged against: the checkout and AWS as far as the app knows them now,
 * {@code git.sha} and {@code git.dirty} (from the last run, or a look at the checkout since),
 * {@code aws.account} and {@code aws.region} (from the last run, forgotten when the AWS settings
 * change), over the context bar's facts.
 */
final class SignOffTarget {
    private final Checklist checklist;
    private final Map<String, String> target = new HashMap<>();
    private Map<String, String> awsFactsOfTarget = Map.of();
    private final ReadOnlyObjectWrapper<Map<String, String>> now;

    /** @param bean the owner the property names (the view model) */
    SignOffTarget(Object bean, Checklist checklist) {
        this.checklist = checklist;
        this.now = new ReadOnlyObjectWrapper<>(bean, "target", Map.of());
    }

    ReadOnlyObjectProperty<Map<String, String>> property() {
        return now.getReadOnlyProperty();
    }

    /** @return whether the checkout differs from what was known */
    boolean setCheckout(String sha, boolean dirty) {
        if (Objects.equals(target.get("git.sha"), sha) && String.valueOf(dirty).equals(target.get("git.dirty"))) {
            return false;
        }
        if (sha == null) {
            target.remove("git.sha");
        } else {
            target.put("git.sha", sha);
        }
        target.put("git.dirty", String.valueOf(dirty));
        return true;
    }

    /** A run's facts become what holds now. */
    void learn(RunReport report, Map<String, String> runContext) {
        Map<String, String> ctx = report.context();
        for (String k : List.of("git.sha", "git.dirty", "aws.account", "aws.region")) {
            if (ctx.containsKey(k)) {
                target.put(k, ctx.get(k));
            } else {
                target.remove(k);
            }
        }
        awsFactsOfTarget = awsFacts(runContext);
    }

    /** Publishes the target under the context bar's facts {@code context}. */
    void refresh(Map<String, String> context) {
        if (!awsFacts(context).equals(awsFactsOfTarget)) {
            // another profile, region or endpoint: the account is unknown until a run asks STS
            target.remove("aws.account");
            target.remove("aws.region");
        }
        Map<String, String> t = new TreeMap<>(context);
        t.putAll(target);
        now.set(Map.copyOf(t));
    }

    /** What a sign-off of this item made now would be made over. */
    SignOffBasis basisFor(ItemState s, Map<String, String> context) {
        return SignOffBasis.of(checklist, variables(context), target, s.id(), s.verdict(), s.verdictReason());
    }

    /** The variables as the context bar sets them. */
    private static Map<String, String> variables(Map<String, String> context) {
        Map<String, String> vars = new LinkedHashMap<>();
        context.forEach((k, v) -> {
            if (k.startsWith("var:")) {
                vars.put(k.substring(4), v);
            }
        });
        return vars;
    }

    private static Map<String, String> awsFacts(Map<String, String> facts) {
        Map<String, String> m = new TreeMap<>();
        facts.forEach((k, v) -> {
            if (k.startsWith("aws.")) {
                m.put(k, v);
            }
        });
        return m;
    }
}
