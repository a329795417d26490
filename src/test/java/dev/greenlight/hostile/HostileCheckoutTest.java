package dev.greenlight.hostile;

import dev.greenlight.engine.ItemResult;
import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.wiring.SampleCheckout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.greenlight.hostile.HostileCheckouts.ASL_V3;
import static dev.greenlight.hostile.HostileCheckouts.BACKEND;
import static dev.greenlight.hostile.HostileCheckouts.TEMPLATE;
import static dev.greenlight.hostile.HostileCheckouts.assertOnlyBroken;
import static dev.greenlight.hostile.HostileCheckouts.assertOnlyRed;
import static dev.greenlight.hostile.HostileCheckouts.checkThreadsLeft;
import static dev.greenlight.hostile.HostileCheckouts.item;
import static dev.greenlight.hostile.HostileCheckouts.runLocal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bundled checklist's local sections on the sample checkout, broken in hostile ways: each run
 * finishes, the items that read the broken file ERROR or FAIL with a plain reason, every other item
 * still passes, and no check thread outlives the run.
 */
class HostileCheckoutTest {
    /** Items that read template.yaml. */
    static final String[] TEMPLATE_ITEMS = {"asl-orchestrator-definition-uri", "asl-distributed-definition-uri",
            "init-package-type", "init-command", "sdm-package-type", "sdm-command", "segment-package-type", "segment-command",
            "orchestrator-substitutions", "distributed-substitutions", "template-declares-parameters"};

    static Checklist checklist;

    @TempDir
    Path dir;
    Path checkout;

    @BeforeAll
    static void load() throws IOException {
        checklist = HostileCheckouts.bundledLocalSections();
    }

    private Path sample() throws IOException {
        checkout = SampleCheckout.materialise(dir.resolve("checkout"));
        return checkout;
    }

    @AfterEach
    void noThreadLeft() throws Exception {
        assertThat(checkThreadsLeft()).as("greenlight-check-* threads still running after the run").isZero();
        if (checkout != null) {
            // give back what the test took away, so @TempDir can delete it
            try (Stream<Path> s = Files.walk(checkout)) {
                s.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> p.toFile().setReadable(true));
            }
        }
    }

    private static Map<String, Status> all(Status s, String... ids) {
        Map<String, Status> m = new LinkedHashMap<>();
        for (String id : ids) {
            m.put(id, s);
        }
        return m;
    }

    @Test
    void theUntouchedSampleIsAllGreen() throws IOException {
        RunReport r = runLocal(checklist, sample());
        assertThat(r.results()).hasSizeGreaterThan(25);
        assertOnlyBroken(r, Map.of());
    }

    @Test
    void aDirectoryLinkedToItsParentChangesNothing() throws IOException {
        Path co = sample();
        Files.createSymbolicLink(co.resolve(BACKEND + "src/loop"), Path.of(".."));
        Files.createSymbolicLink(co.resolve(BACKEND + "src/handlers/utils/back-to-root"), co);
        RunReport r = runLocal(checklist, co);
        assertOnlyBroken(r, Map.of());
    }

    @Test
    void anAslFileLinkedToItselfErrorsTheItemsThatReadIt() throws IOException {
        Path co = sample();
        Path asl = co.resolve(ASL_V3);
        Files.delete(asl);
        Files.createSymbolicLink(asl, asl.getFileName());
        RunReport r = runLocal(checklist, co);

         // git still tracks the old blob, but the path cannot be looked at: ERROR, like the items that read it
        assertOnlyRed(r, java.util.Set.of("asl-files-exist", "asl-files-tracked", "asl-files-not-ignored", "asl-v3-valid-json", "asl-v3-comment",
                "asl-orchestrator-definition-uri", "orchestrator-substitutions"));
        assertThat(item(r, "asl-v3-valid-json").result().reason()).contains("symbolic link");
        assertThat(item(r, "asl-orchestrator-definition-uri").result().reason()).contains("symbolic link");
    }

    @Test
    void anUnreadableTemplateErrorsTheTemplateItems() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")) || isRoot(),
                "running as root: chmod 000 does not stop root from reading, so an unreadable file cannot be made here");
        Path co = sample();
        Files.setPosixFilePermissions(co.resolve(TEMPLATE), PosixFilePermissions.fromString("---------"));
        RunReport r = runLocal(checklist, co);
        assertOnlyBroken(r, all(Status.ERROR, TEMPLATE_ITEMS));
        assertThat(item(r, "init-command").result().reason()).contains("permission denied");
    }

    @Test
    void asRootAChmod000FileIsStillReadAndJudgedOnItsContent() throws IOException {
        assumeTrue(isRoot(), "not root: the unreadable case above covers this");
        Path co = sample();
        Files.setPosixFilePermissions(co.resolve(TEMPLATE), PosixFilePermissions.fromString("---------"));
        assertOnlyBroken(runLocal(checklist, co), Map.of());
    }

    @Test
    void aBinaryTemplateErrorsTheTemplateItems() throws IOException {
        Path co = sample();
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        junk[10] = 0;
        Files.write(co.resolve(TEMPLATE), junk);
        RunReport r = runLocal(checklist, co);
        assertOnlyBroken(r, all(Status.ERROR, TEMPLATE_ITEMS));
        assertThat(item(r, "init-command").result().reason()).contains("binary");
    }

    @Test
    void aTwoHundredMegabyteTemplateIsRefusedWithoutReadingIt() throws IOException {
        Path co = sample();
        try (RandomAccessFile f = new RandomAccessFile(co.resolve(TEMPLATE).toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024); // sparse: no disk used
        }
        RunReport r = runLocal(checklist, co);
        assertOnlyBroken(r, all(Status.ERROR, TEMPLATE_ITEMS));
        assertThat(item(r, "init-command").result().reason()).contains("200 MB").contains("limit");
    }

    @Test
    void aTemplateWithTenThousandMoreResourcesStillAnswersEveryItem() throws IOException {
        Path co = sample();
        Path t = co.resolve(TEMPLATE);
        String text = Files.readString(t, StandardCharsets.UTF_8);
        int at = text.indexOf("\nResources:\n");
        assertThat(at).isPositive();
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            extra.append("  Filler").append(i).append(":\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub \"filler-")
                    .append(i).append("-${StageName}\"\n");
        }
        Files.writeString(t, text.substring(0, at + 12) + extra + text.substring(at + 12), StandardCharsets.UTF_8);
        RunReport r = runLocal(checklist, co);
        assertOnlyBroken(r, Map.of());
    }

    @Test
    void aFileNameThatIsNotUtf8ChangesNothing() throws Exception {
        Path co = sample();
        Path src = co.resolve(BACKEND + "src");
        Process p = new ProcessBuilder("bash", "-c", "touch $'\\xff\\xfe.json' && mkdir $'dir\\xff' && touch $'dir\\xff/x.py'")
                .directory(src.toFile()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, "the file system refused a file name that is not UTF-8");
        try (Stream<Path> s = Files.list(src)) {
            assumeTrue(s.count() > 0);
        }
        RunReport r = runLocal(checklist, co);
        assertOnlyBroken(r, Map.of());
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String describe(RunReport r) {
        StringBuilder b = new StringBuilder();
        for (ItemResult ir : r.results()) {
            b.append(ir.itemId()).append(' ').append(ir.status()).append(": ").append(ir.result().reason()).append('\n');
        }
        return b.toString();
    }
}
