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

    @Test
    void masksWhateverTheCaseOfTheName() {
        assertThat(Redactor.redact("X-API-KEY=abc123")).isEqualTo("X-API-KEY=****");
        assertThat(Redactor.redact("PassWord: hunter2")).isEqualTo("PassWord: ****");
        assertThat(Redactor.redact("Authorization: BEARER abcdefghijklmnop1234")).doesNotContain("abcdefghijklmnop1234");
        assertThat(Redactor.redact("\"GitHubToken\" = \"t0k3n\"")).isEqualTo("\"GitHubToken\" = \"****\"");
    }

    /** The literal pre-checks only skip regexes that cannot match: same output as running every regex. */
    @Test
    void preChecksNeverSkipAMatch() {
        java.util.List<String> texts = java.util.List.of(
                "OPENAI_API_KEY=sk-live-1234567890abcdefghij STAGE=dev", "aws_access_key_id = AKIAABCDEFGHIJKLMNOP",
                "AIzaSyDUMMYDUMMYDUMMYDUMMYDUMMYDUMMY12 in url", "ghp_" + "a".repeat(36) + " pushed",
                "xoxb-1234567890-abc", "jwt eyJhbGciOiJI.eyJzdWIiOiIx.SflKxwRJSMeKKF2QT4",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", "PRIVATE_KEY: x",
                "Credentials=abc", "AuthHeader: z", "secret", "token: ${TOKEN}", "DefinitionUri: src/x.json",
                "InitializeStateDataArn \u2192 InitializeStateDataFunction.Arn", "bearer  0123456789abcdefXYZ", "");
        for (String t : texts) {
            assertThat(Redactor.redact(t)).as(t).isEqualTo(everyRegex(t));
        }
    }

    private static String everyRegex(String text) {
        java.util.List<java.util.regex.Pattern> tokens = java.util.List.of(
                java.util.regex.Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
                java.util.regex.Pattern.compile("\\bsk-(?:ant-|proj-)?[A-Za-z0-9_\\-]{20,}"),
                java.util.regex.Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}\\b"),
                java.util.regex.Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
                java.util.regex.Pattern.compile("\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"),
                java.util.regex.Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"),
                java.util.regex.Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9_\\-.=]{16,}"),
                java.util.regex.Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));
        String out = text;
        for (java.util.regex.Pattern p : tokens) {
            out = p.matcher(out).replaceAll(Redactor.MASK);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?i)(\"?[A-Za-z0-9_.\\-]*(?:api[_-]?key|apikey|secret|passw(?:or)?d|passwd|token|credential|private[_-]?key|auth)[A-Za-z0-9_.\\-]*\"?)"
                        + "(\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&}\\]\"']+)").matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = m.group(3);
            String bare = v.replace("\"", "").replace("'", "");
            boolean keep = v.matches("^\"?\\*{4}\"?$") || bare.startsWith("${") || bare.startsWith("$")
                    || bare.startsWith("!Ref") || bare.startsWith("{{") || bare.isEmpty();
            String masked = keep ? v : v.startsWith("\"") ? "\"" + Redactor.MASK + "\"" : v.startsWith("'") ? "'" + Redactor.MASK + "'" : Redactor.MASK;
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2) + masked));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
