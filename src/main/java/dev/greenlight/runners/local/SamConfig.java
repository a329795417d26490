package dev.greenlight.runners.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.engine.WorkspaceException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code samconfig.toml} as SAM CLI reads it: in the directory {@code sam} runs in (or
 * {@code --config-file}), the table {@code [<config-env>.<command>.parameters]} (environment
 * {@code default} unless {@code --config-env} says otherwise), then {@code [<env>.global.parameters]}.
 * An option given on the command line wins over the file; an option the command line leaves out
 * comes from the file. So a workflow that runs {@code sam deploy} beside a samconfig.toml deploys
 * with the file's {@code stack_name} if it passes no {@code --stack-name}.
 */
final class SamConfig {
    private static final TomlMapper TOML = new TomlMapper();
    private final SourceFile source;
    private final JsonNode root;

    private SamConfig(SourceFile source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    /** The config file at {@code path}, or null when there is none (or it is not TOML SAM could read). */
    static SamConfig load(RunContext ctx, String path) {
        try {
            return ctx.workspace().parsed(path, "samconfig", f -> {
                try {
                    return new SamConfig(f, TOML.readTree(f.text()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (WorkspaceException | RuntimeException e) {
            return null;
        }
    }

    String file() {
        return source.relPath();
    }

    /**
     * The options the file gives {@code sam <command>} as command-line arguments, each at the line
     * that sets it: {@code resolve_s3 = true} is {@code --resolve-s3}; {@code capabilities = "A B"}
     * is {@code --capabilities A B}.
     */
    List<ShellEval.Arg> options(String env, String command) {
        List<ShellEval.Arg> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String table : List.of(command, "global")) {
            JsonNode params = root.path(env).path(table).path("parameters");
            if (!params.isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (seen.contains(e.getKey())) {
                    continue;
                }
                seen.add(e.getKey());
                String flag = "--" + e.getKey().replace('_', '-');
                int line = lineOf(env + "." + table + ".parameters", e.getKey());
                Val.Hop hop = new Val.Hop(file() + " [" + env + "." + table + ".parameters] " + e.getKey(), file(), line);
                JsonNode v = e.getValue();
                if (v.isBoolean()) {
                    if (v.asBoolean()) {
                        out.add(arg(flag, hop));
                    } else if (flag.startsWith("--confirm") || flag.startsWith("--fail")) {
                        out.add(arg("--no-" + flag.substring(2), hop));
                    }
                    continue;
                }
                out.add(arg(flag, hop));
                List<String> words = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(x -> words.add(x.asText()));
                } else {
                    // SAM reads a string option as the shell would read the words
                    for (String w : v.asText().replace("\\\n", " ").trim().split("\\s+")) {
                        if (!w.isEmpty() && !w.equals("\\")) {
                            words.add(w);
                        }
                    }
                }
                words.forEach(w -> out.add(arg(w, hop)));
            }
        }
        return out;
    }

    private ShellEval.Arg arg(String text, Val.Hop hop) {
        Val v = Val.of(List.of(new Val.Part(text, null, hop, List.of(hop), null)));
        return new ShellEval.Arg(v, hop.file(), hop.line(), text);
    }

    /** The line of {@code key =} inside {@code [table]}, else the table's line, else 1. */
    private int lineOf(String table, String key) {
        Pattern header = Pattern.compile("^\\s*\\[\\s*" + Pattern.quote(table) + "\\s*]\\s*(#.*)?$");
        Pattern anyHeader = Pattern.compile("^\\s*\\[.*]\\s*(#.*)?$");
        Pattern keyLine = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*=");
        List<String> lines = source.lines();
        int tableLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (header.matcher(l).matches()) {
                tableLine = i + 1;
            } else if (tableLine > 0 && anyHeader.matcher(l).matches()) {
                break;
            } else if (tableLine > 0 && keyLine.matcher(l).find()) {
                return i + 1;
            }
        }
        return Math.max(tableLine, 1);
    }
}
