package dev.greenlight.ui.troubleshoot;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * An item's troubleshooting entries: title, note, the resolved command with Copy, and Run for
 * local commands (confirmed first; output streamed below with exit code and duration; stoppable).
 */
public final class TroubleshootView extends VBox {
    private final Path cwd;
    private final BiPredicate<String, String> confirm;
    private final String accountLabel;
    private final Consumer<String> notifier;

    /**
     * @param confirm asks the person (title, message); false cancels
     */
    public TroubleshootView(List<TroubleshootEntry> entries, Path cwd, BiPredicate<String, String> confirm, String accountLabel) {
        this(entries, cwd, confirm, accountLabel, m -> { });
    }

    /**
     * @param confirm  asks the person (title, message); false cancels
     * @param notifier shows a short message that goes away by itself ("Copied …")
     */
    public TroubleshootView(List<TroubleshootEntry> entries, Path cwd, BiPredicate<String, String> confirm, String accountLabel,
                            Consumer<String> notifier) {
        this.notifier = notifier;
        this.cwd = cwd;
        this.confirm = confirm;
        this.accountLabel = accountLabel;
        getStyleClass().add("troubleshoot");
        setSpacing(8);
        for (TroubleshootEntry e : entries) {
            getChildren().add(card(e));
        }
    }

    private VBox card(TroubleshootEntry e) {
        VBox card = new VBox(4);
        card.getStyleClass().add("ts-entry");
        if (e.matches()) {
            card.getStyleClass().add("ts-match");
        }
        Label title = new Label(e.source().title());
        title.getStyleClass().add("ts-title");
        HBox head = new HBox(8, title);
        head.setAlignment(Pos.CENTER_LEFT);
        if (e.matches()) {
            Label badge = new Label("matches this failure");
            badge.getStyleClass().add("ts-badge");
            head.getChildren().add(badge);
        }
        if (e.source().mutating()) {
            Label m = new Label("changes things");
            m.getStyleClass().add("ts-mutating");
            head.getChildren().add(m);
        }
        card.getChildren().add(head);
        if (e.source().note() != null) {
            Label note = new Label(e.source().note());
            note.setWrapText(true);
            note.getStyleClass().add("ts-note");
            card.getChildren().add(note);
        }
        if (e.unresolved() != null) {
            Label u = new Label("Command not shown: " + e.unresolved());
            u.setWrapText(true);
            u.getStyleClass().add("ts-unresolved");
            card.getChildren().add(u);
        }
        if (!e.hasCommand()) {
            return card;
        }
        TextField cmd = new TextField(e.command());
        cmd.setEditable(false);
        cmd.getStyleClass().addAll("ts-command", "mono");
        cmd.setTooltip(new Tooltip("Ctrl+C copies the whole command"));
        cmd.addEventFilter(KeyEvent.KEY_PRESSED, k -> {
            if (KeyCombination.keyCombination("Shortcut+C").match(k) && cmd.getSelectedText().isEmpty()) {
                copied(e.command());
                k.consume();
            }
        });
        HBox.setHgrow(cmd, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.getStyleClass().add("ts-copy");
        copy.setOnAction(a -> copied(e.command()));
        HBox row = new HBox(6, cmd, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().add(row);
        if (e.runnable()) {
            Button run = new Button("Run");
            run.getStyleClass().add("ts-run");
            row.getChildren().add(run);
            run.setOnAction(a -> run(e, card, run));
        } else {
            copy.setTooltip(new Tooltip("An AWS command: copy it into a terminal with your credentials"));
        }
        return card;
    }

    private void run(TroubleshootEntry e, VBox card, Button run) {
        String message = "Run this command in " + cwd + "?\n\n" + e.command();
        if (e.source().mutating()) {
            message += "\n\nThis command CHANGES things. AWS account: " + accountLabel + ".";
        }
        if (!confirm.test(e.source().mutating() ? "Run a command that changes things?" : "Run a local command?", message)) {
            return;
        }
        TextArea out = new TextArea();
        out.setEditable(false);
        out.setPrefRowCount(8);
        out.getStyleClass().addAll("ts-output", "mono");
        Label status = new Label("Running…");
        status.getStyleClass().add("ts-status");
        Button stop = new Button("Stop");
        HBox bar = new HBox(8, status, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().removeIf(n -> n.getStyleClass().contains("ts-output") || n.getStyleClass().contains("ts-run-bar"));
        bar.getStyleClass().add("ts-run-bar");
        card.getChildren().addAll(out, bar);
        run.setDisable(true);
        CommandExecution ex = CommandExecution.start(e.command(), cwd);
        stop.setOnAction(a -> ex.stop());
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(100), a -> {
            String chunk = ex.drain();
            if (!chunk.isEmpty()) {
                out.appendText(chunk);
            }
            if (ex.isDone()) {
                String rest = ex.drain();
                if (!rest.isEmpty()) {
                    out.appendText(rest);
                }
                CommandExecution.Outcome o = ex.outcome().join();
                status.setText(o.failure() != null ? o.failure()
                        : o.stopped() ? "Stopped after " + secs(o.durationMs())
                        : "Exit code " + o.exitCode() + " · " + secs(o.durationMs()));
                status.getStyleClass().add(o.exitCode() == 0 ? "ts-ok" : "ts-bad");
                stop.setDisable(true);
                run.setDisable(false);
                poll.stop();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private void copied(String command) {
        copy(command);
        notifier.accept("Copied: " + (command.length() > 80 ? command.substring(0, 79) + "…" : command));
    }

    static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
