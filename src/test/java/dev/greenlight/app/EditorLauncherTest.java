package dev.greenlight.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EditorLauncherTest {
    final Path file = Path.of("/co/backend/template.yaml");

    @Test
    void aConfiguredCommandGetsFileAndLine() {
        assertThat(new EditorLauncher("nvim-qt +{line} {file}", Map.of("EDITOR", "code")).command(file, 42))
                .containsExactly("nvim-qt", "+42", "/co/backend/template.yaml");
    }

    @Test
    void visualCodeOpensAtTheLine() {
        assertThat(new EditorLauncher(null, Map.of("VISUAL", "/usr/bin/code --wait")).command(file, 7))
                .containsExactly("/usr/bin/code", "-g", "/co/backend/template.yaml:7");
    }

    @Test
    void intellijGetsLineFlag() {
        assertThat(new EditorLauncher(null, Map.of("EDITOR", "idea")).command(file, 3))
                .containsExactly("idea", "--line", "3", "/co/backend/template.yaml");
    }

    @Test
    void aTerminalEditorFallsBackToTheDesktopDefault() {
        assertThat(new EditorLauncher(null, Map.of("EDITOR", "vim")).command(file, 3)).isEmpty();
    }

    @Test
    void consoleUrlsPointAtTheResource() {
        assertThat(AwsConsole.url("arn:aws:lambda:eu-west-1:123456789012:function:wf-dev-init", null))
                .isEqualTo("https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/wf-dev-init");
        assertThat(AwsConsole.url("arn:aws:states:eu-west-1:123456789012:stateMachine:wf", null))
                .startsWith("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn%3Aaws%3Astates");
        assertThat(AwsConsole.url("arn:aws:ecr:eu-west-1:123456789012:repository/wf", null))
                .isEqualTo("https://console.aws.amazon.com/go/view?arn=arn%3Aaws%3Aecr%3Aeu-west-1%3A123456789012%3Arepository%2Fwf");
        assertThat(AwsConsole.url("backend-workflow-dev", null)).isNull();
    }
}
