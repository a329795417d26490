package dev.greenlight.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /**
     * Each token pattern with literals that any match of it contains ({@code hints}, any one suffices;
     * lower case when the pattern ignores case). Scanning for a literal is far cheaper than running
     * the regex at every position, and almost no text holds one, so most texts skip the regex.
     */
    private record Token(Pattern pattern, boolean ignoreCase, String... hints) {
        boolean possibleIn(String text, String lower) {
            for (String h : hints) {
                if ((ignoreCase ? lower : text).contains(h)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Token> TOKENS = List.of(
            new Token(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), false, "AKIA", "ASIA"),
            new Token(Pattern.compile("\\bsk-(?:ant-|proj-)?[A-Za-z0-9_\\-]{20,}"), false, "sk-"),
            new Token(Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}\\b"), false, "AIza"),
            new Token(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"), false, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            new Token(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"), false, "xox"),
            new Token(Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"), false, "eyJ"),
            new Token(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9_\\-.=]{16,}"), true, "bearer"),
            new Token(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"), false, "-----BEGIN "));
    /**
     * Lower-case literals of which every {@link #NAMED} match contains one ((?i) there is ASCII-only,
     * so lower-casing the text can only let more texts through this filter, never fewer).
     */
    private static final List<String> NAMED_HINTS = List.of("apikey", "api_key", "api-key", "secret", "passw", "token", "credential",
            "privatekey", "private_key", "private-key", "auth");
    /** Words that name a secret without holding one, so "secret: ****" is not masked twice or a flag name eaten. */
    private static final Pattern ALREADY_MASKED = Pattern.compile("^\"?\\*{4}\"?$");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Token t : TOKENS) {
            if (t.possibleIn(out, t.ignoreCase() ? out.toLowerCase(Locale.ROOT) : out)) {
                out = t.pattern().matcher(out).replaceAll(MASK);
            }
        }
        if (!mayNameSecret(out)) {
            return out;
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

    /** False when {@link #NAMED} cannot match: it needs a secret-looking name and a ':' or '='. */
    private static boolean mayNameSecret(String text) {
        if (text.indexOf(':') < 0 && text.indexOf('=') < 0) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String h : NAMED_HINTS) {
            if (lower.contains(h)) {
                return true;
            }
        }
        return false;
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
