package dev.greenlight.runners.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A relative path written in a template or Dockerfile, compared the way the tool that reads it
 * would resolve it: {@code ./src/x.json}, {@code src//x.json} and {@code src/./x.json} all name
 * {@code src/x.json}. Lexical only (no file system, so no symlinks) and never case-folded: a
 * deploy on Linux sees {@code Src/} and {@code src/} as different directories.
 */
final class PathText {
    private PathText() {
    }

    /**
     * The path with {@code .} segments and repeated slashes removed and {@code a/..} collapsed;
     * {@code "."} for the directory itself. URLs ({@code s3://…}) come back unchanged, and so does
     * text holding a variable ({@code $X}), which only the tool can expand.
     *
     * @param keepTrailingSlash keep a trailing {@code /} (Dockerfile sources, where it says
     *                          "directory"); otherwise it is dropped
     */
    static String normalise(String path, boolean keepTrailingSlash) {
        if (path == null || path.contains("://") || path.contains("$")) {
            return path;
        }
        String p = path.strip();
        boolean absolute = p.startsWith("/");
        boolean trailing = keepTrailingSlash && p.endsWith("/") && p.length() > 1;
        Deque<String> out = new ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else if (!(seg.equals("..") && absolute)) {
                out.addLast(seg);
            }
        }
        String joined = String.join("/", out);
        if (absolute) {
            return "/" + joined + (trailing && !joined.isEmpty() ? "/" : "");
        }
        if (joined.isEmpty()) {
            return ".";
        }
        return joined + (trailing ? "/" : "");
    }

    /** True when both name the same relative path once normalised (trailing slash ignored). */
    static boolean same(String a, String b) {
        return a != null && b != null && normalise(a, false).equals(normalise(b, false));
    }
}
