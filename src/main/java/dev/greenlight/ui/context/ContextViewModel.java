package dev.greenlight.ui.context;

import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Problem;
import dev.greenlight.runners.aws.AwsSettings;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run is pointed at: the checklist, the checkout, the variables, and AWS (profile, region,
 * endpoint, and the account and caller the last run resolved). Knows when the target looks like
 * production — a stage variable starting with "prod" or an account listed as production — so the
 * bar can make that impossible to miss.
 */
public final class ContextViewModel {
    private final ReadOnlyObjectWrapper<Checklist> checklist = new ReadOnlyObjectWrapper<>(this, "checklist");
    private final ReadOnlyStringWrapper checklistSource = new ReadOnlyStringWrapper(this, "checklistSource", "");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObjectProperty<Path> checkout = new SimpleObjectProperty<>(this, "checkout");
    private final ObservableList<VariableRow> variables = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.valueProperty()});
    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final StringProperty profile = new SimpleStringProperty(this, "profile");
    private final StringProperty region = new SimpleStringProperty(this, "region");
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint");
    private final ReadOnlyStringWrapper account = new ReadOnlyStringWrapper(this, "account");
    private final ReadOnlyStringWrapper callerArn = new ReadOnlyStringWrapper(this, "callerArn");
    private final ReadOnlyStringWrapper awsStatus = new ReadOnlyStringWrapper(this, "awsStatus",
            "AWS: not connected — run the checklist to resolve the account");
    private final javafx.beans.property.BooleanProperty awsInEnvironment =
            new javafx.beans.property.SimpleBooleanProperty(this, "awsInEnvironment");
    private final javafx.collections.ObservableSet<String> productionAccounts = FXCollections.observableSet();
    private final BooleanBinding production;
    private final BooleanBinding awsConfigured;

    public ContextViewModel(Set<String> productionAccounts) {
        this.productionAccounts.addAll(productionAccounts);
        production = Bindings.createBooleanBinding(this::looksLikeProduction, variables, account, this.productionAccounts);
        awsConfigured = Bindings.createBooleanBinding(() -> awsInEnvironment.get() || profiles.contains("default")
                        || account.get() != null || awsSettings().profile() != null || awsSettings().region() != null
                        || awsSettings().endpointUrl() != null,
                awsInEnvironment, profiles, account, profile, region, endpoint);
    }

    /**
     * Whether anything tells the AWS SDK where to go: a profile, region or endpoint in the bar, a
     * default profile in {@code ~/.aws/config}, AWS variables in the environment, or an identity a run
     * resolved. When false the app says that only local checks can run.
     */
    public BooleanBinding awsConfiguredProperty() {
        return awsConfigured;
    }

    /** True when the environment names a profile, region or keys (AWS_PROFILE, AWS_REGION, …). */
    public javafx.beans.property.BooleanProperty awsInEnvironmentProperty() {
        return awsInEnvironment;
    }

    /** Whether these environment variables configure AWS for the SDK's default chain. */
    public static boolean awsInEnvironment(Map<String, String> env) {
        for (String k : List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
                "AWS_ACCESS_KEY_ID", "AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_WEB_IDENTITY_TOKEN_FILE")) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a run is pointed at, as a flat map a verdict is stamped with ({@code var:NAME},
     * {@code checkout}, {@code aws.profile}, {@code aws.region}, {@code aws.endpoint}); a verdict from
     * a run with another map is stale.
     */
    public Map<String, String> facts() {
        Map<String, String> m = new LinkedHashMap<>();
        for (VariableRow v : variables) {
            m.put("var:" + v.name(), v.value() == null ? "" : v.value());
        }
        m.put("checkout", checkout.get() == null ? "" : checkout.get().toAbsolutePath().normalize().toString());
        AwsSettings aws = awsSettings();
        m.put("aws.profile", aws.profile() == null ? "" : aws.profile());
        m.put("aws.region", aws.region() == null ? "" : aws.region());
        m.put("aws.endpoint", aws.endpointUrl() == null ? "" : aws.endpointUrl());
        return m;
    }

    public void checklistLoaded(Checklist c, String source, List<Problem> loadProblems, Map<String, String> overrides) {
        checklist.set(c);
        checklistSource.set(source);
        problems.setAll(loadProblems);
        if (c != null) {
            variables.setAll(c.vars().entrySet().stream()
                    .map(e -> new VariableRow(e.getKey(), e.getValue(), overrides.get(e.getKey()))).toList());
        } else {
            variables.clear();
        }
    }

    /** The accounts shown as production (from the settings, which load after the window shows). */
    public void setProductionAccounts(Set<String> accounts) {
        productionAccounts.retainAll(accounts);
        productionAccounts.addAll(accounts);
    }

    /** Takes the AWS identity out of a finished run's report header. */
    public void runFinished(RunReport report) {
        Map<String, String> ctx = report.context();
        String acct = ctx.get("aws.account");
        account.set(acct);
        callerArn.set(ctx.get("aws.arn"));
        if (acct != null) {
            String r = ctx.getOrDefault("aws.region", region.get() == null ? "" : region.get());
            awsStatus.set("AWS account " + acct + (r.isEmpty() ? "" : " · " + r) + " · "
                    + (ctx.get("aws.arn") == null ? "caller unknown" : ctx.get("aws.arn")));
        } else {
            String why = ctx.getOrDefault("aws.error",
                    "no AWS identity was resolved (no credentials found, or no AWS check ran)");
            awsStatus.set("AWS: not connected — " + why);
        }
    }

    private boolean looksLikeProduction() {
        for (VariableRow v : variables) {
            if ((v.name().equals("stage") || v.name().equals("env") || v.name().equals("environment"))
                    && v.value() != null && v.value().toLowerCase(Locale.ROOT).startsWith("prod")) {
                return true;
            }
        }
        return account.get() != null && productionAccounts.contains(account.get());
    }

    /** The overrides the person typed: only values that differ from the checklist's defaults. */
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        for (VariableRow v : variables) {
            if (v.overridden()) {
                out.put(v.name(), v.value());
            }
        }
        return out;
    }

    public AwsSettings awsSettings() {
        return new AwsSettings(blankToNull(profile.get()), blankToNull(region.get()), blankToNull(endpoint.get()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ReadOnlyObjectProperty<Checklist> checklistProperty() {
        return checklist.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checklistSourceProperty() {
        return checklistSource.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    public ObjectProperty<Path> checkoutProperty() {
        return checkout;
    }

    public ObservableList<VariableRow> variables() {
        return variables;
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public ReadOnlyStringProperty accountProperty() {
        return account.getReadOnlyProperty();
    }

    public String callerArn() {
        return callerArn.get();
    }

    public ReadOnlyStringProperty awsStatusProperty() {
        return awsStatus.getReadOnlyProperty();
    }

    public BooleanBinding productionProperty() {
        return production;
    }

    public boolean isProduction() {
        return production.get();
    }
}
