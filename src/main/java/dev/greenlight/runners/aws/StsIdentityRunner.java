package dev.greenlight.runners.aws;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.Runner;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.List;

/**
 * The account and identity the run looks at, so a production account cannot go unnoticed.
 *
 * <pre>{@code
 * check:
 *   type: sts-identity
 *   account: "123456789012"              # optional: the account this checklist is meant for
 *   production-accounts: ["999999999999"] # WARN, loudly, when the run is looking at one of these
 * }</pre>
 */
public final class StsIdentityRunner implements Runner<StsIdentityRunner.Spec> {

    public record Spec(String account, List<String> productionAccounts) {
    }

    @Override
    public boolean postDeploy() {
        return true;
    }

    @Override
    public String type() {
        return "sts-identity";
    }

    @Override
    public Class<Spec> specType() {
        return Spec.class;
    }

    @Override
    public List<String> iamActions() {
        return List.of("sts:GetCallerIdentity");
    }

    @Override
    public Result run(Spec spec, RunContext ctx) {
        return AwsErrors.expecting(expectation(spec), evaluate(spec, ctx));
    }

    /** What the item checks, for results of a run that could not get that far. */
    static String expectation(Spec spec) {
        return spec.account() == null ? "a caller identity" : "account " + spec.account().strip();
    }

    private Result evaluate(Spec spec, RunContext ctx) {
        AwsSession s;
        try {
            s = AwsTargets.session(ctx);
        } catch (AwsTargets.Unresolved u) {
            return u.result;
        }
        String region = s.region().id();
        String expected = spec.account() == null ? "a caller identity" : "account " + spec.account();
        GetCallerIdentityResponse id;
        try {
            id = AwsLookups.identity(s);
        } catch (Exception e) {
            return AwsErrors.result(e, "sts:GetCallerIdentity", "the caller identity", s).expected(expected).build();
        }
        Evidence ev = Evidence.aws("sts:GetCallerIdentity", id.arn(), region, "account " + id.account() + ", user id " + id.userId());
        String actual = "account " + id.account() + " as " + id.arn();
        if (spec.account() != null && !spec.account().strip().equals(id.account())) {
            return Result.fail("The credentials belong to account " + id.account() + ", not " + spec.account().strip()
                    + ": the run is looking at the wrong account.").expected(expected).actual(actual).evidence(ev).build();
        }
        List<String> prod = spec.productionAccounts() == null ? List.of() : spec.productionAccounts();
        if (prod.stream().map(String::strip).anyMatch(id.account()::equals)) {
            return Result.warn("PRODUCTION ACCOUNT " + id.account() + ": this run is looking at production as "
                    + id.arn() + " in " + region + ".").expected(expected).actual(actual).evidence(ev)
                    .note("Account " + id.account() + " is listed under production-accounts.").build();
        }
        return Result.pass("Running as " + id.arn() + " in account " + id.account() + " (" + region + ").")
                .expected(expected).actual(actual).evidence(ev).build();
    }
}
