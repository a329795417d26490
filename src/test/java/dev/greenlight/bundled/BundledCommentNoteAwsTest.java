package dev.greenlight.bundled;

import dev.greenlight.awsfake.Deployment;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** sfn-comment: "contains v3.0" is the verdict; a note compares the deployed Comment with the document's exact text. */
class BundledCommentNoteAwsTest {
    @TempDir
    static Path dir;
    static Path checkout;
    static String head;
    static Checklist checklist;

    @BeforeAll
    static void sample() throws Exception {
        checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        head = new GitRepo(checkout).head().orElseThrow();
        checklist = Greenlight.loader().loadBundled("unified-pipe-v3.3").checklist().orElseThrow();
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    private static ItemResult sfnComment(Deployment d) {
        return Greenlight.prepare(checklist, RunOptions.defaults(checkout).withOnly(Set.of("sfn-comment")),
                new AwsSettings(null, Deployment.REGION, d.endpoint().toString()), null).runBlocking().results().get(0);
    }

    @Test
    void theExactDocumentedCommentPassesAndSaysSo() {
        try (Deployment d = new Deployment(head)) {
            ItemResult r = sfnComment(d);
            assertThat(r.status()).as(r.result().reason()).isEqualTo(Status.PASS);
            assertThat(r.result().notes()).anySatisfy(n -> assertThat(n).startsWith("It is exactly the text the document quotes"));
        }
    }

    @Test
    void anotherV3CommentPassesWithTheDifferenceAsANote() {
        try (Deployment d = new Deployment(head).comment("Analemma OS v3.0.1 - Smart StateBag Orchestrator with Standardized Interfaces")) {
            ItemResult r = sfnComment(d);
            assertThat(r.status()).as(r.result().reason()).isEqualTo(Status.PASS);
            assertThat(r.result().notes()).anySatisfy(n -> assertThat(n)
                    .contains("not exactly the text the document quotes")
                    .contains("the document has nothing where this has \".1\""));
        }
    }
}
