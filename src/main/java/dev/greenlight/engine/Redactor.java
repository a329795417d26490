package dev.greenlight.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret <em>values</em> in text before it leaves the engine: every result passes through
 * here, so no report, history file, log line or screen shows a key that a runner happened to read.
 * Runners still avoid reading secrets at all (environment variables, NoEcho parameters); this is
 * the net under them.
 *
 * <p>Masked: literal values of secret names ({@code OPENAI_API_KEY=...}, {@code "password": "..."},
 * {@code AnthropicApiKey=...}, {@code aws_secret_access_key = ...}), and tokens recognisable on
 * their own (AWS access key ids, OpenAI/Anthropic/Google/GitHub/Slack keys, JWTs, bearer tokens,
 * private key blocks).
 *
 * <p>Never masked: template syntax and references, which are what evidence is for. A name is secret
 * by its words, not by a substring ({@code StoreTaskTokenArn} is an ARN, {@code AuthType} a type,
 * {@code author} no auth at all); a value that refers to something ({@code !GetAtt X.Arn},
 * {@code !Ref P}, {@code ${X}}, {@code ${{ secrets.X }}}, an ARN, {@code {{resolve:…}}}, code such
 * as {@code event["taskToken"]}) is shown as written; names inside an ARN or a reference
 * ({@code arn:aws:secretsmanager:…:secret:…}) are part of it.
 */
public final class Redactor {
    public static final String MASK = "****";

    /** Candidates: name=value, name: value, "name": "value" where the name may be secret ({@link #secretName} decides). */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)(\"?[A-Za-z0-9_.\\-]*(?:api[_-]?key|apikey|secret|passw(?:or)?d|passwd|pwd|passphrase|token|credential|private[_-]?key|auth)[A-Za-z0-9_.\\-]*\"?)"
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
            new Token(Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{40,}"), false, "github_pat_"),
            new Token(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"), false, "xox"),
            new Token(Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"), false, "eyJ"),
            new Token(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9_\\-.=]{16,}"), true, "bearer"),
            new Token(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"), false, "-----BEGIN "));
    /**
     * Lower-case literals of which every {@link #NAMED} match contains one ((?i) there is ASCII-only,
     * so lower-casing the text can only let more texts through this filter, never fewer).
     */
    private static final List<String> NAMED_HINTS = List.of("apikey", "api_key", "api-key", "secret", "passw", "pwd", "passphrase",
            "token", "credential", "privatekey", "private_key", "private-key", "auth");
    /** Words that name a secret without holding one, so "secret: ****" is not masked twice or a flag name eaten. */
    private static final Pattern ALREADY_MASKED = Pattern.compile("^\"?\\*{4}\"?$");

    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "passphrase",
            "secret", "token", "credential", "credentials", "apikey", "privatekey", "secretkey", "accesstoken");
    private static final Set<String> AUTH_VALUES = Set.of("key", "token", "header", "value", "string", "password");
    /** Last words that make a key the name, place or kind of a secret rather than the secret itself. */
    private static final Set<String> NOT_A_SECRET_VALUE = Set.of("arn", "arns", "name", "names", "id", "ids",
            "url", "uri", "path", "type", "function", "fn", "table", "bucket", "queue", "topic", "role", "policy", "ttl",
            "expiry", "expiration", "seconds", "minutes", "hours", "length", "endpoint", "region", "version", "enabled",
            "required", "mode", "count", "prefix", "file", "location", "parameter", "resource", "source", "store", "manager",
            "rotation", "schedule", "field", "template", "exception", "error", "provider", "providers", "state", "status", "arg", "env", "var");
    private static final Pattern WORD = Pattern.compile("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+");
    private static final Pattern REFERENCE = Pattern.compile("\\barn:[^\\s\"']+|\\{\\{.*?}}|\\$\\{[^}]*}");
    /**
     * Code, not a literal: a call or subscript ({@code os.getenv(...)}, {@code event["taskToken"]}), a
     * logical id's attribute ({@code StoreTaskTokenFunction.Arn}), or a dotted name on a well-known
     * receiver ({@code self.token}, {@code secrets.GH_TOKEN}). A lower-case dotted word such as
     * {@code my.pass.word} could be a password, so it is not taken for code.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
    private static final Pattern EXPRESSION = Pattern.compile(
            "[A-Za-z_][\\w.]*[(\\[].*|[A-Z]\\w*(?:\\.[A-Z]\\w*)+"
                    + "|(?:self|cls|os|sys|event|context|process|env|secrets|vars|github|steps|inputs|needs|matrix|config|settings)"
                    + "(?:\\.[A-Za-z_]\\w*)+");

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
        return mayNameSecret(out) ? maskNamed(out) : out;
    }

    /** The same as {@link #redact(String)} with no literal pre-check skipping a regex; for tests. */
    static String redactWithoutPrechecks(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Token t : TOKENS) {
            out = t.pattern().matcher(out).replaceAll(MASK);
        }
        return maskNamed(out);
    }

    /**
     * Whether a key names a secret value: one of its words (camelCase, snake_case, kebab-case) is
     * password, secret, token, credential(s), apikey, "api key", "private key", or auth on its own or
     * before key/token/header; and its last word does not make it the name of something else
     * ({@code StoreTaskTokenArn} is an ARN, {@code SecretName} a name, {@code AuthType} a type,
     * {@code ExpiredTokenException} an error).
     */
    public static boolean secretName(String key) {
        if (key == null) {
            return false;
        }
        List<String> words = words(key);
        if (words.isEmpty() || NOT_A_SECRET_VALUE.contains(words.get(words.size() - 1))) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            if (SECRET_WORDS.contains(w) || SECRET_WORDS.contains(w + next)) { // ApiKey, PassWord, PrivateKey
                return true;
            }
            if ((w.equals("auth") || w.equals("authorization")) && (next.isEmpty() || AUTH_VALUES.contains(next))) {
                return true;
            }
        }
        return false;
    }

    private static String maskNamed(String out) {
        List<int[]> references = referenceSpans(out);
        Matcher m = NAMED.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(3);
            boolean mask = secretName(m.group(1)) && !inside(references, m.start())
                    && !ALREADY_MASKED.matcher(value).matches() && !looksLikeReference(value);
            String shown = !mask ? value
                    : value.startsWith("\"") ? "\"" + MASK + "\"" : value.startsWith("'") ? "'" + MASK + "'" : MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + shown));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<String> words(String key) {
        List<String> out = new ArrayList<>();
        Matcher w = WORD.matcher(key);
        while (w.find()) {
            out.add(w.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Spans of text that refer to values rather than hold them: ARNs ({@code arn:aws:secretsmanager:…}),
     * dynamic references ({@code {{resolve:secretsmanager:…:SecretString:password}}}), GitHub
     * expressions and {@code ${…}} substitutions. A name found inside one is part of the reference.
     */
    private static List<int[]> referenceSpans(String text) {
        List<int[]> out = new ArrayList<>();
        if (!text.contains("arn:") && !text.contains("{{") && !text.contains("${")) {
            return out;
        }
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            out.add(new int[]{m.start(), m.end()});
        }
        return out;
    }

    private static boolean inside(List<int[]> spans, int at) {
        for (int[] s : spans) {
            if (at >= s[0] && at < s[1]) {
                return true;
            }
        }
        return false;
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
     * A value that refers to a secret rather than holding it stays readable: {@code ${OPENAI_API_KEY}},
     * {@code ${{ secrets.X }}}, any YAML tag ({@code !Ref}, {@code !GetAtt}, {@code !Sub}), an ARN, a
     * dynamic reference, a flow or block start ({@code {}, {@code [}, {@code |}, {@code >}), code
     * ({@code event["taskToken"]}, {@code os.getenv(...)}, {@code Fn.Arn}), a boolean.
     */
    private static boolean looksLikeReference(String value) {
        String v = value.replace("\"", "").replace("'", "");
        // "contains 'ApiKey='; contains 'X='": the quote after '=' closes the name's quote, what follows is prose
        boolean prose = !v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || v.charAt(0) == ';');
        if (v.isEmpty() || prose) {
            return true;
        }
        char c = v.charAt(0);
        if ("$!{[|>*&(".indexOf(c) >= 0) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("arn:") || lower.startsWith("fn::") || lower.startsWith("resolve:")
                || Set.of("true", "false", "null", "none", "~").contains(lower)) {
            return true;
        }
        if (value.startsWith("\"") || value.startsWith("'")) {
            return false;
        }
        // unquoted code: a call, a subscript or a dotted name (Fn.Arn, self.token), not a literal;
        // or a variable named for the secret it holds (taskToken=task_token, ApiKey=OPENAI_API_KEY)
        return EXPRESSION.matcher(v).matches() || IDENTIFIER.matcher(v).matches() && secretName(v);
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
