package dev.greenlight.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.greenlight.files.AtomicFiles;
import dev.greenlight.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The person's settings, in {@code settings.json} under the config directory. Unknown keys are
 * kept out of the way (ignored), missing ones take defaults, so an old or hand-edited file loads.
 *
 * @param editorCommand      command to open a file at a line, with {file} and {line}; null = guess
 * @param productionAccounts AWS account ids shown as production
 * @param lastChecklist      "bundled:ID" or a file path
 * @param lastCheckout       the checkout folder chosen last
 * @param theme              "light" or "dark"
 * @param variables          variable overrides per checklist id
 * @param awsProfile         last AWS profile, or null for the default chain
 * @param historyKeep        runs kept per checklist in the run history (older ones are deleted when a run
 *                           is saved); null = {@link HistoryLimits#DEFAULT_KEEP}
 * @param promoteAfter       consecutive green complete runs after which a watching item ({@code gate: false})
 *                           is suggested for gating; null = {@link HistoryLimits#DEFAULT_PROMOTE_AFTER}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSettings(String editorCommand, List<String> productionAccounts, String lastChecklist,
                          String lastCheckout, String theme, Map<String, Map<String, String>> variables,
                          String awsProfile, String awsRegion, String awsEndpoint,
                          Integer historyKeep, Integer promoteAfter) {

    public AppSettings {
        productionAccounts = productionAccounts == null ? List.of() : List.copyOf(productionAccounts);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        theme = theme == null ? "light" : theme;
    }

    public static AppSettings defaults() {
        return new AppSettings(null, List.of(), null, null, "light", Map.of(), null, null, null, null, null);
    }

    public static AppSettings load(Path configDir) throws IOException {
        Path f = configDir.resolve("settings.json");
        if (!Files.exists(f)) {
            return defaults();
        }
        return Json.PRETTY.readValue(Files.readString(f, StandardCharsets.UTF_8), AppSettings.class);
    }

    public void save(Path configDir) throws IOException {
        AtomicFiles.write(configDir.resolve("settings.json"), Json.PRETTY.writeValueAsString(this));
    }

    public AppSettings withTheme(String t) {
        return new AppSettings(editorCommand, productionAccounts, lastChecklist, lastCheckout, t, variables, awsProfile, awsRegion, awsEndpoint, historyKeep, promoteAfter);
    }

    public AppSettings withLastChecklist(String c) {
        return new AppSettings(editorCommand, productionAccounts, c, lastCheckout, theme, variables, awsProfile, awsRegion, awsEndpoint, historyKeep, promoteAfter);
    }

    public AppSettings withLastCheckout(String c) {
        return new AppSettings(editorCommand, productionAccounts, lastChecklist, c, theme, variables, awsProfile, awsRegion, awsEndpoint, historyKeep, promoteAfter);
    }

    public AppSettings withVariables(String checklistId, Map<String, String> vars) {
        Map<String, Map<String, String>> m = new java.util.LinkedHashMap<>(variables);
        m.put(checklistId, Map.copyOf(vars));
        return new AppSettings(editorCommand, productionAccounts, lastChecklist, lastCheckout, theme, m, awsProfile, awsRegion, awsEndpoint, historyKeep, promoteAfter);
    }

    public AppSettings withAws(String profile, String region, String endpoint) {
        return new AppSettings(editorCommand, productionAccounts, lastChecklist, lastCheckout, theme, variables, profile, region, endpoint, historyKeep, promoteAfter);
    }
}
