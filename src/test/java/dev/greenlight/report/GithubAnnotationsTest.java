package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.Result;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Workflow commands escaped as GitHub's toolkit escapes them, so no text can break or forge a command. */
class GithubAnnotationsTest {

    @Test
    void escapesPercentAndLineBreaksInTheMessage() {
        assertThat(GithubAnnotations.data("100% of 3 s\r\nnext: a,b")).isEqualTo("100%25 of 3 s%0D%0Anext: a,b");
    }

    @Test
    void escapesColonsAndCommasTooInProperties() {
        assertThat(GithubAnnotations.property("FAIL deploy: a, b 50%\n")).isEqualTo("FAIL deploy%3A a%2C b 50%25%0A");
    }

    @Test
    void aMessageCannotStartAnotherCommand() {
        ItemResult r = new ItemResult("x", "s", "Title, with: punctuation", Result.fail("line one\n::error::forged")
                .evidence(Evidence.at("s", "a,b:c.yaml", 3, "t")).build(), 1, null);
        List<String> lines = GithubAnnotations.lines(report(r), null, null);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("\n")
                .startsWith("::error file=a%2Cb%3Ac.yaml,line=3,title=FAIL Title%2C with%3A punctuation [x]::")
                .contains("line one%0A::error::forged");
    }

    @Test
    void warnIsAWarningAndPassSkipAndManualAreNotAnnotated() {
        List<String> lines = GithubAnnotations.lines(report(
                item("w", Status.WARN), item("p", Status.PASS), item("s", Status.SKIP), item("m", Status.MANUAL),
                item("e", Status.ERROR)), null, null);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("::warning file=w.yaml,line=2,");
        assertThat(lines.get(1)).startsWith("::error file=e.yaml,line=2,");
    }

    @Test
    void pathsAreRelativeToTheWorkspaceWhenTheCheckoutIsAFolderOfIt() {
        assertThat(GithubAnnotations.prefix("/ws/repo/services/orders", "/ws/repo")).isEqualTo("services/orders/");
        assertThat(GithubAnnotations.prefix("/ws/repo", "/ws/repo")).isEmpty();
        assertThat(GithubAnnotations.prefix("/elsewhere", "/ws/repo")).isEmpty();
    }

    @Test
    void onlyTheValueTrueSwitchesAnnotationsOn() {
        assertThat(GithubAnnotations.inActions("true")).isTrue();
        assertThat(GithubAnnotations.inActions(null)).isFalse();
        assertThat(GithubAnnotations.inActions("false")).isFalse();
    }

    private static ItemResult item(String id, Status s) {
        return new ItemResult(id, "s", "T " + id, Result.of(s, "because").evidence(Evidence.at("s", id + ".yaml", 2, "t")).build(), 1, null);
    }

    private static RunReport report(ItemResult... results) {
        return new RunReport("c", "C", "1", "c.yaml", "/nonexistent/checkout", Instant.EPOCH, 1, java.util.Map.of(),
                List.of(results), false);
    }
}
