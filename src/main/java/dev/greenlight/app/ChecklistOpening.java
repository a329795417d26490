package dev.greenlight.app;

import dev.greenlight.files.AppDirs;
import dev.greenlight.wiring.CheckoutChoice;
import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.LoadResult;
import dev.greenlight.store.AppSettings;
import dev.greenlight.store.SessionStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What opening a checklist reads, off the FX thread: the checklist file, which checkout (the one
 * chosen, the last used, or the sample), and the saved session of the two. Problems become
 * sentences for the status bar; nothing here throws.
 *
 * @param ref             "bundled:ID" or a path, as it will be remembered
 * @param checkoutProblem why there is no checkout, or null
 * @param storeProblem    why saved ticks may be missing, or null
 */
record ChecklistOpening(String ref, LoadResult result, Path checkout, SessionStore store,
                        String checkoutProblem, String storeProblem) {

    /** Blocking: reads files and may wait up to 10 s for the previous checklist's saves. */
    static ChecklistOpening read(String checklistRef, Path checkoutChoice, AppSettings settings, RunnerRegistry runners,
                                 CompletableFuture<Void> previousSaved) {
        String ref = checklistRef != null ? checklistRef
                : settings.lastChecklist() != null ? settings.lastChecklist()
                : "bundled:" + ChecklistLoader.bundledIds().get(0);
        ChecklistLoader loader = new ChecklistLoader(runners);
        LoadResult result = ref.startsWith("bundled:") ? loader.loadBundled(ref.substring("bundled:".length()))
                : loader.load(Path.of(ref));
        Path checkout = checkoutChoice;
        String checkoutProblem = null;
        // the repository the app was started in comes first, as for 'greenlight run' with no --checkout
        CheckoutChoice.Choice here = checkout == null && checklistRef == null
                ? CheckoutChoice.here(CheckoutChoice.startDirectory()) : null;
        if (here != null && here.ok()) {
            checkout = here.root();
        }
        if (checkout == null && settings.lastCheckout() != null && Files.isDirectory(Path.of(settings.lastCheckout()))) {
            checkout = Path.of(settings.lastCheckout());
        }
        if (checkout == null) {
            CheckoutChoice.Choice fallback = CheckoutChoice.implicit(CheckoutChoice.startDirectory(), ref.startsWith("bundled:"));
            checkout = fallback.root();
            checkoutProblem = fallback.ok() ? null
                    : "Greenlight was not started inside a git repository and no checkout was chosen before. "
                    + "Choose your checkout folder in the bar above.";
        }
        SessionStore store = null;
        String storeProblem = null;
        try {
            // ticks made just before the switch may still be on their way to the file read below
            previousSaved.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            storeProblem = "Earlier ticks were still being saved; the newest may be missing until the next start.";
        }
        if (result.checklist().isPresent() && checkout != null) {
            try {
                store = SessionStore.open(AppDirs.data(), result.checklist().get().id(), checkout);
            } catch (IOException | RuntimeException e) {
                storeProblem = "Saved ticks and results could not be read (" + Plain.firstLine(e)
                        + "); new ones will be saved. Check that " + AppDirs.data() + " is writable.";
            }
        }
        return new ChecklistOpening(ref, result, checkout, store, checkoutProblem, storeProblem);
    }
}
