package dev.greenlight.app;

import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Every keyboard shortcut of the window in one list: the scene's key filter goes through it, and
 * the Keys sheet (F1) is printed from it, so a shortcut cannot exist without being listed there.
 * Keys a control handles itself (arrows in the tree, Ctrl+C in a log) are listed with
 * {@link #describe}.
 */
final class Shortcuts {
    /** One line of the sheet; {@code action} null for keys a control handles itself. */
    record Shortcut(String keys, String what, Predicate<KeyEvent> matches, BooleanSupplier when, Runnable action) {
    }

    private final List<Shortcut> list = new ArrayList<>();

    /** A shortcut that works wherever the focus is, while {@code when} holds. */
    Shortcuts add(String keys, String what, KeyCombination combo, BooleanSupplier when, Runnable action) {
        return add(keys, what, combo::match, when, action);
    }

    Shortcuts add(String keys, String what, Predicate<KeyEvent> matches, BooleanSupplier when, Runnable action) {
        list.add(new Shortcut(keys, what, matches, when, action));
        return this;
    }

    /** A key handled by a control itself; only listed. */
    Shortcuts describe(String keys, String what) {
        list.add(new Shortcut(keys, what, e -> false, () -> false, null));
        return this;
    }

    /** Runs the first shortcut that matches and applies now; consumes the event then. */
    void handle(KeyEvent e) {
        for (Shortcut s : list) {
            if (s.action() != null && s.matches().test(e) && s.when().getAsBoolean()) {
                s.action().run();
                e.consume();
                return;
            }
        }
    }

    List<Shortcut> all() {
        return List.copyOf(list);
    }

    /** The Keys sheet: one line per shortcut, keys padded to a column. */
    String sheet() {
        int width = list.stream().mapToInt(s -> s.keys().length()).max().orElse(0) + 3;
        StringBuilder b = new StringBuilder();
        String last = null;
        for (Shortcut s : list) {
            if (last != null && last.equals(s.keys())) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(s.keys()).append(" ".repeat(width - s.keys().length())).append(s.what());
            last = s.keys();
        }
        return b.toString();
    }
}
