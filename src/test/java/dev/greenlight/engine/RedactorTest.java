package dev.greenlight.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void masksValuesOfSecretLookingNames() {
        assertThat(Redactor.redact("OPENAI_API_KEY=sk-live-123456 STAGE=dev")).isEqualTo("OPENAI_API_KEY=**** STAGE=dev");
        assertThat(Redactor.redact("{\"AnthropicApiKey\": \"abc123\", \"StageName\": \"dev\"}"))
                .isEqualTo("{\"AnthropicApiKey\": \"****\", \"StageName\": \"dev\"}");
        assertThat(Redactor.redact("db_password: hunter2")).isEqualTo("db_password: ****");
        assertThat(Redactor.redact("GoogleApiKey=AIzaSyDUMMYDUMMYDUMMYDUMMYDUMMYDUMMY12")).doesNotContain("AIza");
    }

    @Test
    void masksRecognisableTokensAnywhere() {
        String text = "creds AKIAABCDEFGHIJKLMNOP and sk-ant-REDACTME0123456789abcdefgh and "
                + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl and Bearer abcdefghijklmnopqrstuvwxyz";
        String out = Redactor.redact(text);
        assertThat(out).doesNotContain("AKIAABCDEFGHIJKLMNOP").doesNotContain("REDACTME").doesNotContain("eyJzdWIi")
                .doesNotContain("abcdefghijklmnopqrstuvwxyz");
    }

    @Test
    void keepsReferencesToSecretsReadable() {
        assertThat(Redactor.redact("OpenAiApiKey=${OPENAI_API_KEY}")).isEqualTo("OpenAiApiKey=${OPENAI_API_KEY}");
        assertThat(Redactor.redact("OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}")).contains("secrets.OPENAI_API_KEY");
        assertThat(Redactor.redact("OPENAI_API_KEY: !Ref OpenAiApiKey")).contains("!Ref OpenAiApiKey");
    }

    @Test
    void leavesOrdinaryEvidenceAlone() {
        String line = "      DefinitionUri: src/aws_step_functions_v3.json";
        assertThat(Redactor.redact(line)).isEqualTo(line);
        assertThat(Redactor.redact("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM")).isEqualTo("--capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM");
    }

    @Test
    void everyResultFieldIsRedacted() {
        Result r = Result.fail("token=abc123def")
                .expected("x").actual("password=p4ss")
                .evidence(Evidence.at("env", "f", 1, "SECRET_KEY=zzz")).note("auth: qqq").build();
        Result out = Redactor.redact(r);
        assertThat(out.reason() + out.actual() + out.evidence().get(0).text() + out.notes().get(0))
                .doesNotContain("abc123def").doesNotContain("p4ss").doesNotContain("zzz").doesNotContain("qqq");
    }

    @Test
    void keepsAnExpectationListingSecretNamesReadable() {
        String expected = "sam deploy; contains 'OpenAiApiKey='; contains 'AnthropicApiKey='; contains 'StageName='";
        assertThat(Redactor.redact(expected)).isEqualTo(expected);
        assertThat(Redactor.redact("contains 'OpenAiApiKey=sk-live-SECRET-0123456789'")).doesNotContain("SECRET-0123456789");
        assertThat(Redactor.redact("password='hunter2'")).isEqualTo("password='****'");
    }
}
