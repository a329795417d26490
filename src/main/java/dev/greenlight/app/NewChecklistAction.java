package dev.greenlight.app;

import dev.greenlight.init.ChecklistGenerator;
import dev.greenlight.init.InitChecklist;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "New checklist from this checkout…": what {@code greenlight init} does, from the window. The
 * person picks where to save it (the save dialog asks before replacing a file, which is the window's
 * --force); the checkout is read and the checklist written on a background thread, then opened.
 */
final class NewChecklistAction {
    private final Supplier<Window> owner;
    private final Supplier<Path> checkout;
    private final Executor background;
    private final BiConsumer<Path, Path> open;
    private final Consumer<String> status;
    private final DialogService dialogs;

    NewChecklistAction(Supplier<Window> owner, Supplier<Path> checkout, Executor background, BiConsumer<Path, Path> open,
                       Consumer<String> status, DialogService dialogs) {
        this.owner = owner;
        this.checkout = checkout;
        this.background = background;
        this.open = open;
        this.status = status;
        this.dialogs = dialogs;
    }

    Button button() {
        Button b = new Button("New checklist…");
        b.setId("new-checklist");
        b.setTooltip(new Tooltip("New checklist from this checkout: items for its templates, state machines, functions and deploy workflow"));
        b.setOnAction(e -> choose());
        return b;
    }

    private void choose() {
        Path root = checkout.get();
        if (root == null) {
            DirectoryChooser d = new DirectoryChooser();
            d.setTitle("The checkout to write a checklist for");
            File picked = d.showDialog(owner.get());
            if (picked == null) {
                return;
            }
            root = picked.toPath();
        }
        FileChooser f = new FileChooser();
        f.setTitle("Save the new checklist");
        f.getExtensionFilters().add(new FileChooser.ExtensionFilter("Checklist (YAML)", "*.yaml", "*.yml"));
        f.setInitialDirectory(root.toFile());
        f.setInitialFileName((root.getFileName() == null ? "checkout" : root.getFileName()) + "-checklist.yaml");
        File target = f.showSaveDialog(owner.get());
        if (target != null) {
            generate(root, target.toPath());
        }
    }

    /** Off the FX thread: read the checkout, write the file, then open it with the same checkout. */
    void generate(Path root, Path target) {
        status.accept("Writing a checklist for " + root + "…");
        background.execute(() -> {
            try {
                ChecklistGenerator.Generated g = InitChecklist.generate(root);
                InitChecklist.write(g, target, true);
                FxBridge.run(() -> {
                    status.accept(g.items() + " items about " + String.join(", ", g.templates()) + " written to " + target + ".");
                    open.accept(target, root);
                });
            } catch (InitChecklist.InitException e) {
                FxBridge.run(() -> {
                    status.accept("No checklist written: " + e.getMessage());
                    dialogs.failure("No checklist was written: " + e.getMessage(), e);
                });
            }
        });
    }
}
