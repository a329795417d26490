package dev.greenlight.ui.context;

import dev.greenlight.engine.RunReport;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.Section;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContextViewModelTest {
    static Checklist checklist() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("stage", "dev");
        vars.put("stack", "backend-${stage}");
        return new Checklist("c", "C", null, null, vars, List.of(new Section("s", "S", null, List.of())), "c.yaml");
    }

    static RunReport report(Map<String, String> ctx) {
        return new RunReport("c", "C", null, "c.yaml", "/co", Instant.now(), 10, ctx, List.of(), false);
    }

    @Test
    void aStageStartingWithProdLooksLikeProduction() {
        ContextViewModel vm = new ContextViewModel(Set.of());
        vm.checklistLoaded(checklist(), "c.yaml", List.of(), Map.of());
        assertThat(vm.isProduction()).isFalse();
        vm.variables().get(0).valueProperty().set("prod-eu");
        assertThat(vm.isProduction()).isTrue();
        assertThat(vm.overrides()).containsExactly(Map.entry("stage", "prod-eu"));
    }

    @Test
    void anAccountListedAsProductionLooksLikeProduction() {
        ContextViewModel vm = new ContextViewModel(Set.of("111122223333"));
        vm.checklistLoaded(checklist(), "c.yaml", List.of(), Map.of());
        vm.runFinished(report(Map.of("aws.account", "444455556666")));
        assertThat(vm.isProduction()).isFalse();
        vm.runFinished(report(Map.of("aws.account", "111122223333", "aws.arn", "arn:aws:iam::111122223333:role/deployer",
                "aws.region", "eu-west-1")));
        assertThat(vm.isProduction()).isTrue();
        assertThat(vm.awsStatusProperty().get())
                .isEqualTo("AWS account 111122223333 · eu-west-1 · arn:aws:iam::111122223333:role/deployer");
        assertThat(vm.callerArn()).isEqualTo("arn:aws:iam::111122223333:role/deployer");
    }

    @Test
    void withoutAnIdentityTheBarSaysNotConnectedAndWhy() {
        ContextViewModel vm = new ContextViewModel(Set.of());
        assertThat(vm.awsStatusProperty().get()).startsWith("AWS: not connected — ");
        vm.runFinished(report(Map.of("aws.error", "no credentials in profile 'dev'")));
        assertThat(vm.awsStatusProperty().get()).isEqualTo("AWS: not connected — no credentials in profile 'dev'");
    }

    @Test
    void savedOverridesAreAppliedAndBlankAwsFieldsMeanTheDefaultChain() {
        ContextViewModel vm = new ContextViewModel(Set.of());
        vm.checklistLoaded(checklist(), "c.yaml", List.of(), Map.of("stage", "staging"));
        assertThat(vm.variables()).extracting(VariableRow::value).containsExactly("staging", "backend-${stage}");
        vm.profileProperty().set(" ");
        vm.regionProperty().set("eu-central-1");
        assertThat(vm.awsSettings().profile()).isNull();
        assertThat(vm.awsSettings().region()).isEqualTo("eu-central-1");
    }

    @Test
    void factsNameEveryVariableTheCheckoutAndTheAwsSettings() {
        ContextViewModel vm = new ContextViewModel(Set.of());
        vm.checklistLoaded(checklist(), "c.yaml", List.of(), Map.of("stage", "prod"));
        vm.checkoutProperty().set(java.nio.file.Path.of("/work/co"));
        vm.regionProperty().set("eu-west-1");
        assertThat(vm.facts()).containsExactly(Map.entry("var:stage", "prod"), Map.entry("var:stack", "backend-${stage}"),
                Map.entry("checkout", java.nio.file.Path.of("/work/co").toAbsolutePath().toString()),
                Map.entry("aws.profile", ""), Map.entry("aws.region", "eu-west-1"), Map.entry("aws.endpoint", ""));
    }

    @Test
    void awsCountsAsConfiguredOnceAProfileRegionOrEnvironmentNamesIt() {
        ContextViewModel vm = new ContextViewModel(Set.of());
        assertThat(vm.awsConfiguredProperty().get()).isFalse();
        vm.profiles().setAll("dev", "prod-admin");
        assertThat(vm.awsConfiguredProperty().get()).as("named profiles, but no default one").isFalse();
        vm.regionProperty().set("eu-west-1");
        assertThat(vm.awsConfiguredProperty().get()).isTrue();
        vm.regionProperty().set(" ");
        vm.profileProperty().set("dev");
        assertThat(vm.awsConfiguredProperty().get()).isTrue();
        vm.profileProperty().set(null);
        vm.profiles().add("default");
        assertThat(vm.awsConfiguredProperty().get()).isTrue();

        assertThat(ContextViewModel.awsInEnvironment(Map.of("AWS_REGION", "eu-west-1"))).isTrue();
        assertThat(ContextViewModel.awsInEnvironment(Map.of("AWS_PROFILE", ""))).isFalse();
        assertThat(ContextViewModel.awsInEnvironment(Map.of("HOME", "/home/a"))).isFalse();
    }

    @Test
    void productionAccountsArrivingLaterStillMarkTheAccount() {
        ContextViewModel vm = new ContextViewModel(Set.of());
        vm.runFinished(report(Map.of("aws.account", "111122223333")));
        assertThat(vm.isProduction()).isFalse();
        vm.setProductionAccounts(Set.of("111122223333"));
        assertThat(vm.isProduction()).isTrue();
    }

    @Test
    void profilesAreTheSectionNamesOfTheAwsConfig() {
        String config = """
                [default]
                region = eu-west-1
                [profile dev]
                sso_session = corp
                [profile prod-admin]
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                [services local]
                """;
        assertThat(AwsProfiles.parse(config)).containsExactly("default", "dev", "prod-admin");
    }

    @Test
    void profilesTheSdkCannotUseAreNotOffered() {
        // a run reads the file with the SDK, which skips a name with a blank and a bare [name] in
        // the config file; offering them would only lead to a run that cannot find the profile
        String config = """
                [profile ops admin]
                region = eu-west-1
                [staging]
                [profile ops]
                """;
        assertThat(AwsProfiles.parse(config)).containsExactly("ops");
    }
}
