package dev.greenlight.runners.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether one Dockerfile instruction is the expected one, judged on what docker would build:
 * variables expanded ({@link DockerImage}), a relative COPY/ADD destination resolved against the
 * WORKDIR, and a COPY in an earlier stage followed through {@code COPY --from} into the final
 * image. A {@code COPY --from=…} copies from another stage or image, not from the build context,
 * so it is not the same as a plain COPY of the same paths. The verdict is yes, no, or unknown (a
 * value only the build knows), with the words that explain it.
 */
record DockerMatch(Verdict verdict, String how, String why) {

    enum Verdict { YES, NO, UNKNOWN }

    boolean holds() {
        return verdict == Verdict.YES;
    }

    boolean unknown() {
        return verdict == Verdict.UNKNOWN;
    }

    /** The evidence text: the instruction as described, and how its value was reached. */
    String describe(String described) {
        String extra = verdict == Verdict.YES ? how : why;
        return extra == null || extra.isEmpty() ? described : described + " [" + extra + "]";
    }

    /** " (why)" for a failing instruction in a sentence, or "". */
    String aside() {
        return why == null || why.isEmpty() ? "" : " (" + why + ")";
    }

    private static DockerMatch yes(String how) {
        return new DockerMatch(Verdict.YES, how == null ? "" : how, "");
    }

    private static DockerMatch no(String why) {
        return new DockerMatch(Verdict.NO, "", why == null ? "" : why);
    }

    /**
     * @param isDirectory whether a source (a build-context path) is a directory in the checkout; a
     *                    directory's contents land in the destination with or without trailing
     *                    slashes, so then they do not count
     */
    static DockerMatch of(DockerfileParser.Instruction i, String args, Pattern pattern, DockerImage image,
                          DockerfileParser.Dockerfile df, java.util.function.Predicate<String> isDirectory) {
        if (args == null) {
            if (pattern == null) {
                return yes("");
            }
            boolean literal = pattern.matcher(DockerfileParser.normalise(i.operands())).find()
                    || pattern.matcher(DockerfileParser.normalise(i.arguments())).find();
            DockerImage.Expanded e = image.expand(i);
            if (literal) {
                return yes("");
            }
            if (!e.used().isEmpty() && e.known() && pattern.matcher(DockerfileParser.normalise(e.text())).find()) {
                return yes(e.explain());
            }
            return no("");
        }
        String want = DockerfileRunner.comparable(i.keyword(), DockerfileParser.normalise(args));
        boolean wantsFlags = want.startsWith("--");
        boolean copy = i.keyword().equals("COPY") || i.keyword().equals("ADD");
        String from = fromFlag(i);
        if (copy && from != null && !wantsFlags && !want.contains("--from")) {
            return no("it copies from " + (image.stage(from) != null ? "stage " + from : "image " + from) + ", not from the build context");
        }
        if (!copy || wantsFlags) {
            String have = DockerfileRunner.comparable(i.keyword(), DockerfileParser.normalise(wantsFlags ? i.arguments() : i.operands()));
            String exec = DockerfileRunner.execForm(i.operands());
            if (want.equals(have) || exec != null && want.equals(DockerfileRunner.comparable(i.keyword(), exec))) {
                return yes("");
            }
            DockerImage.Expanded e = image.expand(i);
            if (!wantsFlags && !e.used().isEmpty() && e.known()
                    && want.equals(DockerfileRunner.comparable(i.keyword(), DockerfileParser.normalise(e.text())))) {
                return yes(e.explain());
            }
            return e.known() ? no("") : unknownIfPossible(want, e);
        }
        // as written, in a stage the final image is built on: the checklist may quote the Dockerfile's
        // own ${VAR} (escaped $${VAR} in the checklist)
        DockerImage.Stage stage = image.stageOf(i);
        if ((stage == null || followToFinal(image, stage, "/", new ArrayList<>(), 9) != null)
                && sameCopy(want, DockerfileRunner.comparable(i.keyword(), DockerfileParser.normalise(i.operands())), isDirectory)) {
            return yes("");
        }
        return copyMatch(i, want, image, isDirectory);
    }

    /**
     * Two COPY operand lists that copy the same: equal, or equal once trailing slashes are dropped
     * when every source is a directory (docker copies a directory's contents into the destination
     * whether {@code src} or {@code src/}, {@code /dest} or {@code /dest/} is written).
     */
    static boolean sameCopy(String want, String have, java.util.function.Predicate<String> isDirectory) {
        if (want.equals(have)) {
            return true;
        }
        String[] w = want.split(" ");
        String[] h = have.split(" ");
        if (w.length != h.length || w.length < 2 || w[0].startsWith("--") || h[0].startsWith("--")) {
            return false;
        }
        for (int k = 0; k < w.length - 1; k++) {
            boolean dir = w[k].endsWith("/") || h[k].endsWith("/") || trim(w[k]).equals(".")
                    || isDirectory.test(trim(w[k]));
            if (!dir || !trim(w[k]).equals(trim(h[k]))) {
                return false;
            }
        }
        return trim(w[w.length - 1]).equals(trim(h[h.length - 1]));
    }

    /** COPY/ADD from the build context: sources as context paths, the destination as it ends up in the final image. */
    private static DockerMatch copyMatch(DockerfileParser.Instruction i, String want, DockerImage image,
                                         java.util.function.Predicate<String> isDirectory) {
        DockerImage.Expanded e = image.expand(i);
        String ops = DockerfileRunner.execForm(e.text());
        ops = ops != null ? ops : DockerfileParser.normalise(e.text());
        if (!e.known()) {
            return unknownIfPossible(want, e);
        }
        String[] words = ops.split(" ");
        if (words.length < 2) {
            return no("");
        }
        List<String> how = new ArrayList<>();
        if (!e.used().isEmpty()) {
            how.add(e.explain());
        }
        String dest = words[words.length - 1];
        if (!dest.startsWith("/")) {
            String wd = image.workdir(i);
            if (wd == null) {
                String why = "its destination " + dest + " is relative to a WORKDIR that is not known: " + image.workdirOrigin(i);
                return wantsSameSources(want, words) ? new DockerMatch(Verdict.UNKNOWN, "", why) : no(why);
            }
            String abs = DockerImage.join(wd, dest);
            how.add("the destination " + dest + " is " + abs + ", relative to " + wd + " (" + image.workdirOrigin(i) + ")");
            dest = abs;
        }
        DockerImage.Stage stage = image.stageOf(i);
        String finalDest = stage == null ? dest : followToFinal(image, stage, dest, how, 0);
        if (finalDest == null) {
            String name = stage.name() == null ? String.valueOf(stage.index()) : stage.name();
            return no("it is in stage " + name + ", and the final image does not copy " + dest + " from it");
        }
        words[words.length - 1] = finalDest;
        String have = DockerfileRunner.comparable(i.keyword(), String.join(" ", words));
        return sameCopy(want, have, isDirectory) ? yes(String.join("; ", how)) : no(how.isEmpty() ? "" : "it is " + i.keyword() + " " + String.join(" ", words)
                + ": " + String.join("; ", how));
    }

    /** Where {@code path} of a stage ends up in the final image, or null when the final image does not get it. */
    private static String followToFinal(DockerImage image, DockerImage.Stage stage, String path, List<String> how, int depth) {
        DockerImage.Stage last = image.finalStage();
        for (DockerImage.Stage s = last; s != null; s = s.parent() < 0 ? null : image.stages().get(s.parent())) {
            if (s.index() == stage.index()) {
                return path;
            }
        }
        if (depth > 8) {
            return null;
        }
        String trimmed = trim(path);
        for (DockerfileParser.Instruction c : image.copiesFrom(stage)) {
            DockerImage.Expanded e = image.expand(c);
            if (!e.known()) {
                continue;
            }
            String[] words = DockerfileParser.normalise(e.text()).split(" ");
            if (words.length < 2) {
                continue;
            }
            String dest = words[words.length - 1];
            if (!dest.startsWith("/")) {
                String wd = image.workdir(c);
                if (wd == null) {
                    continue;
                }
                dest = DockerImage.join(wd, dest);
            }
            for (int k = 0; k < words.length - 1; k++) {
                String src = trim(words[k]);
                if (trimmed.equals(src) || trimmed.startsWith(src + "/")) {
                    String moved = trim(dest) + trimmed.substring(src.length()) + (path.endsWith("/") ? "/" : "");
                    how.add("copied on into " + moved + " by COPY --from at line " + c.line());
                    return followToFinal(image, image.stageOf(c), moved, how, depth + 1);
                }
            }
        }
        return null;
    }

    private static String trim(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static boolean wantsSameSources(String want, String[] words) {
        String[] w = want.split(" ");
        if (w.length != words.length) {
            return false;
        }
        for (int k = 0; k < w.length - 1; k++) {
            if (!PathText.normalise(words[k], true).equals(w[k])) {
                return false;
            }
        }
        return true;
    }

    /** Unknown when the expected text fits the instruction with its unknown variables as wildcards; else no. */
    private static DockerMatch unknownIfPossible(String want, DockerImage.Expanded e) {
        StringBuilder re = new StringBuilder();
        String text = trim(DockerfileParser.normalise(e.text()));
        java.util.regex.Matcher m = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_]\\w*").matcher(text);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(text.substring(last, m.start()))).append(".*");
            last = m.end();
        }
        re.append(Pattern.quote(text.substring(last)));
        String why = e.explain();
        boolean possible = Pattern.compile(re.toString()).matcher(trim(want)).matches();
        return possible ? new DockerMatch(Verdict.UNKNOWN, "", why) : no(why);
    }

    private static String fromFlag(DockerfileParser.Instruction i) {
        for (String f : i.flags()) {
            if (f.startsWith("--from=")) {
                return f.substring(7);
            }
        }
        return null;
    }
}
