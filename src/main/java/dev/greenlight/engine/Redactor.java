package dev.greenlight.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it leaves the engine: every result passes through here, so no
 * report, history file, log line or screen shows a key that a runner happened to read. Runners
 * still avoid reading secrets at all (environment variables, NoEcho parameters); this is the net
 * under them.
 *
 * <p>Masked: values of secret-looking names ({@code OPENAI_API_KEY=...}, {@code "password": "..."},
 * {@code AnthropicApiKey=...}), and tokens recognisable on their own (AWS access key ids and secret
 * keys, OpenAI/Anthropic/Google/GitHub/Slack keys, JWTs, bearer tokens, private key blocks).
 */
public final class Redactor {
    public static final String MASK = "****";

    /** name=value, name: value, "name": "value" where the name looks secret. */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)(\"?[A-Za-z0-9_.\\-]*(?:api[_-]?key|apikey|secret|passw(?:or)?d|passwd|token|credential|private[_-]?key|auth)[A-Za-z0-9_.\\-]*\"?)"
                    + "(\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&}\\]\"']+)");
    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bsk-(?:ant-|proj-)?[A-Za-z0-9_\\-]{20,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}\\b"),
            Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"),
            Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9_\\-.=]{16,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));
    /** Words that name a secret without holding one, so "secret: ****" is not masked twice or a flag name eaten. */
    private static final Pattern ALREADY_MASKED = Pattern.compile("^\"?\\*{4}\"?$");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern p : TOKENS) {
            out = p.matcher(out).replaceAll(MASK);
        }
        Matcher m = NAMED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(3);
            String masked = ALREADY_MASKED.matcher(value).matches() || looksLikeReference(value) ? value
                    : value.startsWith("\"") ? "\"" + MASK + "\"" : value.startsWith("'") ? "'" + MASK + "'" : MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + masked));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * A value that refers to a secret rather than holding it stays readable: ${OPENAI_API_KEY},
     * ${{ secrets.X }}, !Ref OpenAiApiKey, a bare variable name.
     */
    private static boolean looksLikeReference(String value) {
        String v = value.replace("\"", "").replace("'", "");
        // "contains 'ApiKey='; contains 'X='": the quote after '=' closes the name's quote, what follows is prose
        boolean prose = !v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || v.charAt(0) == ';');
        return v.startsWith("${") || v.startsWith("$") || v.startsWith("!Ref") || v.startsWith("{{") || v.isEmpty() || prose;
    }

    public static Evidence redact(Evidence e) {
        return new Evidence(e.subject(), e.file(), e.line(), redact(e.text()), e.resource(), e.region());
    }

    public static Result redact(Result r) {
        List<Evidence> ev = new ArrayList<>(r.evidence().size());
        r.evidence().forEach(e -> ev.add(redact(e)));
        List<String> notes = new ArrayList<>(r.notes().size());
        r.notes().forEach(n -> notes.add(redact(n)));
        return new Result(r.status(), redact(r.reason()), redact(r.expected()), redact(r.actual()), ev, notes);
    }
}
