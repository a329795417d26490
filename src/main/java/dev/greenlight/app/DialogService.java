package dev.greenlight.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * App-level failures, told once in one dialog: a plain sentence, the technical details collapsed
 * underneath. An item's own ERROR never comes here; it stays in the item's pane.
 */
public final class DialogService {
    private static final Logger LOG = Logger.getLogger(DialogService.class.getName());
    private Window owner;
    private boolean showing;

    public void owner(Window w) {
        this.owner = w;
    }

    /** Shows the failure; safe to call from any thread. */
    public void failure(String sentence, Throwable details) {
        LOG.log(Level.WARNING, sentence, details);
        FxBridge.run(() -> show(sentence, details));
    }

    private void show(String sentence, Throwable details) {
        if (showing) {
            // a failure loop must not stack dialogs; the log has the rest
            return;
        }
        Alert a = new Alert(Alert.AlertType.ERROR, sentence, ButtonType.CLOSE);
        a.setTitle("Greenlight");
        a.setHeaderText("Something went wrong");
        if (owner != null) {
            a.initOwner(owner);
        }
        if (details != null) {
            StringWriter sw = new StringWriter();
            details.printStackTrace(new PrintWriter(sw));
            TextArea text = new TextArea(sw.toString());
            text.setEditable(false);
            text.setWrapText(false);
            text.setPrefRowCount(14);
            a.getDialogPane().setExpandableContent(text);
            a.getDialogPane().setExpanded(false);
        }
        showing = true;
        a.setOnHidden(e -> showing = false);
        a.show();
    }

    /** Every exception nobody caught becomes one dialog instead of a silent dead thread. */
    public void installAsDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                failure("An unexpected problem occurred (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                        + "). Your ticks and results are saved; you can keep working.", e));
    }
}
