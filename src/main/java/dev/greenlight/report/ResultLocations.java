package dev.greenlight.report;

import dev.greenlight.engine.Evidence;
import dev.greenlight.engine.ItemResult;
import dev.greenlight.model.Checklist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a verdict points in the repository, for code scanning and workflow annotations: the files
 * of its evidence (checkout-relative, with their lines); for a verdict with no file in its evidence
 * (an AWS check) the item in the checklist file, because GitHub rejects a result without a
 * location and dropping it would hide a FAIL.
 */
final class ResultLocations {
    /** A file relative to the checkout root ('/'-separated) and a 1-based line, or null for the file as a whole. */
    record Location(String file, Integer line) {
    }

    private static final Pattern ID_LINE = Pattern.compile("^\\s*(?:-\\s+)?id:\\s*[\"']?([^\"'#\\s]+)[\"']?\\s*(?:#.*)?$");

    private final Path checkout;
    private final String checklistFile;
    private final Map<String, Integer> itemLines = new LinkedHashMap<>();

    ResultLocations(String checkout, Checklist checklist) {
        this.checkout = checkout == null ? null : Path.of(checkout).toAbsolutePath().normalize();
        String source = checklist == null ? null : checklist.source();
        String file = null;
        if (source != null && source.startsWith("bundled:")) {
            file = source.substring("bundled:".length()) + ".yaml"; // not in the repository: a name to group the results by
        } else if (source != null) {
            Path p = Path.of(source).toAbsolutePath().normalize();
            file = relative(p.toString());
            if (file == null) {
                file = p.getFileName().toString();
            }
            readItemLines(p);
        }
        this.checklistFile = file;
    }

    private void readItemLines(Path p) {
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = ID_LINE.matcher(lines.get(i));
                if (m.matches()) {
                    itemLines.putIfAbsent(m.group(1), i + 1); // a section id first would shadow an item id; ids are unique
                }
            }
        } catch (IOException | RuntimeException e) {
            // no lines: the results still point at the checklist file
        }
    }

    /** The evidence files (at most ten, as SARIF readers show), else the item in the checklist. */
    List<Location> of(ItemResult r) {
        List<Location> out = new ArrayList<>();
        for (Evidence e : r.result().evidence()) {
            String file = e.file() == null ? null : relative(e.file());
            if (file == null) {
                continue;
            }
            Location l = new Location(file, e.line() != null && e.line() > 0 ? e.line() : null);
            if (!out.contains(l) && out.size() < 10) {
                out.add(l);
            }
        }
        if (out.isEmpty() && checklistFile != null) {
            out.add(new Location(checklistFile, itemLines.get(r.itemId())));
        }
        return out;
    }

    /** A checkout-relative '/' path for a path the evidence names, or null when it lies outside the checkout. */
    String relative(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            if (checkout == null || !p.normalize().startsWith(checkout)) {
                return null;
            }
            p = checkout.relativize(p.normalize());
        }
        String s = p.normalize().toString().replace('\\', '/');
        if (s.isEmpty() || s.startsWith("../") || s.equals("..")) {
            return null;
        }
        return s;
    }
}
