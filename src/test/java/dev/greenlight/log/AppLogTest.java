package dev.greenlight.log;

import dev.greenlight.engine.RunReport;
import dev.greenlight.engine.Status;
import dev.greenlight.report.Reports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AppLogTest {
    static final String OPENAI = "sk-live-LogFilePlantedA1s2D3f4G5h6J7";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLOGFILE01";
    static final String AWS_KEY_ID = "AKIAPLANTEDLOGFILE01";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2dmaWxlIn0.c2lnbmF0dXJlbG9nZmlsZQ";
    static final String IN_EXCEPTION = "sk-live-ExceptionPlantedQ9w8E7r6T5";
    static final String IN_CAUSE = "cause-password-planted-77";

    @TempDir
    Path dir;
    private Path file;
    private final Logger log = Logger.getLogger("dev.greenlight.test.AppLogTest");

    @BeforeEach
    void install() {
        file = dir.resolve("logs").resolve(AppLog.FILE);
        AppLog.install(file);
    }

    @AfterEach
    void backToTheDefaultLocation() {
        AppLog.install();
    }

    @Test
    void plantedSecretsInMessagesParametersAndExceptionsNeverReachTheFile() throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            log.info("config loaded OPENAI_API_KEY=" + OPENAI);
            log.warning("profile has AWS_SECRET_ACCESS_KEY=" + AWS_SECRET + " and key id " + AWS_KEY_ID);
            log.log(Level.INFO, "request had Authorization: Bearer {0}", JWT);
            log.log(Level.SEVERE, "The run could not be saved.", new IllegalStateException(
                    "upload failed with api_key=" + IN_EXCEPTION, new IOException("db password: " + IN_CAUSE)));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(OPENAI, AWS_SECRET, AWS_KEY_ID, JWT, IN_EXCEPTION, IN_CAUSE);
        // the lines are there, masked, with the trace of the exception and its cause
        assertThat(text).contains("INFO dev.greenlight.test.AppLogTest: config loaded OPENAI_API_KEY=****")
                .contains("AWS_SECRET_ACCESS_KEY=**** and key id ****")
                .contains("SEVERE dev.greenlight.test.AppLogTest: The run could not be saved.")
                .contains("java.lang.IllegalStateException: upload failed with api_key=****")
                .contains("Caused by: java.io.IOException: db password: ****")
                .contains("\tat dev.greenlight.log.AppLogTest.");
        assertThat(console.toString(StandardCharsets.UTF_8)).as("nothing on stdout or stderr").isEmpty();
        assertThat(Logger.getLogger("").getHandlers()).noneMatch(h -> h instanceof ConsoleHandler);
    }

    @Test
    void theAwsSdkLogsOnlyWarningsAndAbove() throws Exception {
        Logger sdk = Logger.getLogger("software.amazon.awssdk.request");
        sdk.info("Sending Request: DefaultSdkHttpFullRequest(headers=[Authorization])");
        sdk.fine("wire dump");
        sdk.warning("Retrying after a throttle");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("Retrying after a throttle").doesNotContain("Sending Request", "wire dump");
    }

    @Test
    void rotatesIntoThreeFilesOfAtMostTheLimit() throws Exception {
        String line = "x".repeat(1000);
        for (int i = 0; i < 3_500; i++) {
            log.info(line);
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("greenlight.log", "greenlight.1.log", "greenlight.2.log");
        }
        for (String n : List.of("greenlight.log", "greenlight.1.log", "greenlight.2.log")) {
            assertThat(Files.size(file.resolveSibling(n))).isLessThanOrEqualTo(AppLog.LIMIT);
        }
        assertThat(Files.size(file.resolveSibling("greenlight.2.log"))).isGreaterThan(AppLog.LIMIT - 2_000);
    }

    @Test
    void logsARunsStartItsErrorsWithReasonsAndItsEnd() throws Exception {
        var listener = RunLog.around("demo", "/work/checkout", null);
        listener.itemStarted("a");
        var error = Reports.item("b", Status.ERROR, "AWS denied lambda:GetFunction: grant lambda:GetFunction on arn:aws:lambda:x", "t");
        listener.itemFinished(Reports.item("a", Status.PASS, "Fine.", "t"));
        listener.itemFinished(error);
        RunReport report = Reports.report("demo", Instant.parse("2026-03-01T10:00:00Z"), "/work/checkout",
                List.of(Reports.item("a", Status.PASS, "Fine.", "t"), error));
        listener.runFinished(report);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).endsWith("INFO dev.greenlight.run: demo: run started on /work/checkout");
        assertThat(lines.get(1)).endsWith("WARNING dev.greenlight.run: demo: item b ERROR: AWS denied lambda:GetFunction: "
                + "grant lambda:GetFunction on arn:aws:lambda:x");
        assertThat(lines.get(2)).endsWith("INFO dev.greenlight.run: demo: run finished in 1234 ms: PASS 1, ERROR 1");
    }

    @Test
    void aCommandThatLogsNothingCreatesNoFile() {
        assertThat(file).doesNotExist();
    }
}
