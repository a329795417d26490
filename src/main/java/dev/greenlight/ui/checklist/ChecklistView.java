package dev.greenlight.ui.checklist;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.List;

/**
 * The checklist as a tree: sections with their counts, items with a status glyph and colour.
 * Rebuilt only when the filter changes; status changes repaint the cells through bindings.
 */
public final class ChecklistView extends TreeView<Object> {
    private final ChecklistViewModel vm;

    public ChecklistView(ChecklistViewModel vm) {
        this.vm = vm;
        setId("checklist");
        getStyleClass().add("checklist-tree");
        setShowRoot(false);
        setCellFactory(t -> new Cell());
        rebuild();
        vm.filterChangedProperty().addListener((o, a, b) -> rebuild());
    }

    private void rebuild() {
        Object selected = getSelectionModel().getSelectedItem() == null ? null : getSelectionModel().getSelectedItem().getValue();
        TreeItem<Object> root = new TreeItem<>("root");
        TreeItem<Object> reselect = null;
        for (SectionState s : vm.sections()) {
            TreeItem<Object> sec = new TreeItem<>(s);
            sec.setExpanded(true);
            List<TreeItem<Object>> children = new ArrayList<>();
            for (ItemState i : s.items()) {
                if (vm.matchesFilter(i)) {
                    TreeItem<Object> ti = new TreeItem<>(i);
                    children.add(ti);
                    if (i == selected) {
                        reselect = ti;
                    }
                }
            }
            if (!children.isEmpty()) {
                sec.getChildren().setAll(children);
                root.getChildren().add(sec);
                if (s == selected) {
                    reselect = sec;
                }
            }
        }
        setRoot(root);
        if (reselect != null) {
            getSelectionModel().select(reselect);
        } else if (selected != null && !root.getChildren().isEmpty() && !root.getChildren().get(0).getChildren().isEmpty()) {
            // the selected item was filtered out: show the first match rather than an empty pane
            getSelectionModel().select(root.getChildren().get(0).getChildren().get(0));
        }
    }

    /** The selected item, or null when a section (or nothing) is selected. */
    public ItemState selectedItem() {
        TreeItem<Object> t = getSelectionModel().getSelectedItem();
        return t != null && t.getValue() instanceof ItemState s ? s : null;
    }

    public SectionState selectedSection() {
        TreeItem<Object> t = getSelectionModel().getSelectedItem();
        if (t == null) {
            return null;
        }
        if (t.getValue() instanceof SectionState s) {
            return s;
        }
        return t.getParent() != null && t.getParent().getValue() instanceof SectionState s ? s : null;
    }

    public void select(String itemId) {
        for (TreeItem<Object> sec : getRoot().getChildren()) {
            for (TreeItem<Object> it : sec.getChildren()) {
                if (it.getValue() instanceof ItemState s && s.id().equals(itemId)) {
                    getSelectionModel().select(it);
                    // one row of context above: the section header for a section's first item
                    scrollTo(Math.max(0, getRow(it) - 1));
                    return;
                }
            }
        }
    }

    private static final class Cell extends TreeCell<Object> {
        private final Label glyph = new Label();
        private final Label title = new Label();
        private final Label right = new Label();
        private final Row box;
        private Object bound;
        private final InvalidationListener repaint = o -> paint();
        private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

        Cell() {
            glyph.getStyleClass().add("glyph");
            glyph.setMinWidth(22);
            title.getStyleClass().add("cell-title");
            title.setMinWidth(0);
            right.getStyleClass().add("cell-right");
            right.setMinWidth(0);
            box = new Row(glyph, title, right);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Object value, boolean empty) {
            super.updateItem(value, empty);
            unbind();
            if (empty || value == null) {
                setGraphic(null);
                setText(null);
                getStyleClass().removeAll("section-cell", "item-cell");
                setTooltip(null);
                return;
            }
            bound = value;
            if (value instanceof ItemState s) {
                s.statusProperty().addListener(repaint);
                s.runningProperty().addListener(repaint);
                s.signOffProperty().addListener(repaint);
                s.staleNoteProperty().addListener(repaint);
                s.staleSignOffProperty().addListener(repaint);
                s.notNeededProperty().addListener(repaint);
            } else if (value instanceof SectionState s) {
                s.summaryProperty().addListener(repaint);
            }
            setText(null);
            setGraphic(box);
            paint();
        }

        private void unbind() {
            if (bound instanceof ItemState s) {
                s.statusProperty().removeListener(repaint);
                s.runningProperty().removeListener(repaint);
                s.signOffProperty().removeListener(repaint);
                s.staleNoteProperty().removeListener(repaint);
                s.staleSignOffProperty().removeListener(repaint);
                s.notNeededProperty().removeListener(repaint);
            } else if (bound instanceof SectionState s) {
                s.summaryProperty().removeListener(repaint);
            }
            bound = null;
        }

        private void paint() {
            glyph.getStyleClass().removeIf(c -> c.startsWith("status-") || c.equals("stale"));
            getStyleClass().removeAll("section-cell", "item-cell");
            if (bound instanceof ItemState s) {
                getStyleClass().add("item-cell");
                glyph.setText(s.running() ? StatusGlyphs.RUNNING_GLYPH : StatusGlyphs.glyph(s.status()));
                glyph.getStyleClass().add(s.running() ? "status-running" : StatusGlyphs.styleClass(s.status()));
                if ((s.stale() || s.staleSignOff() != null) && !s.running()) {
                    glyph.getStyleClass().add("stale");
                }
                title.setText(dev.greenlight.engine.Variables.unescape(s.item().title()));
                String kind = s.item().check() == null ? "manual" : s.item().check().type();
                right.setText(s.staleSignOff() != null ? "sign-off stale"
                        : s.item().oneOf() != null ? (s.notNeeded() != null ? "not needed" : "one of " + s.item().oneOf()) : kind);
                tip.setText(dev.greenlight.engine.Variables.unescape(s.item().title()) + "\n" + StatusGlyphs.label(s.status())
                        + (s.result() == null ? "" : ": " + s.result().result().reason())
                        + (s.stale() ? "\nStale. " + s.staleNote() : "")
                        + (s.staleSignOff() != null ? "\n" + s.staleSignOff() : "")
                        + (s.notNeeded() != null ? "\n" + s.notNeeded() : ""));
                setTooltip(tip);
            } else if (bound instanceof SectionState s) {
                getStyleClass().add("section-cell");
                setTooltip(null);
                glyph.setText(StatusGlyphs.glyph(s.worstProperty().get()));
                glyph.getStyleClass().add(StatusGlyphs.styleClass(s.worstProperty().get()));
                title.setText(s.section().title());
                right.setText(s.summary());
            }
        }
    }

    /**
     * A cell's row: glyph, title, and the check type on the right. The title comes first: the type
     * label gives its room up before one letter of the title is cut (two items whose titles differ
     * only at the end looked identical), and it comes back when the list is wide enough.
     */
    static final class Row extends Region {
        private static final double GAP = 6;
        private final Label glyph;
        private final Label title;
        private final Label right;

        Row(Label glyph, Label title, Label right) {
            this.glyph = glyph;
            this.title = title;
            this.right = right;
            getChildren().setAll(glyph, title, right);
        }

        @Override
        protected double computePrefWidth(double height) {
            return glyph.prefWidth(-1) + GAP + title.prefWidth(-1) + GAP + right.prefWidth(-1);
        }

        @Override
        protected double computeMinWidth(double height) {
            return glyph.minWidth(-1);
        }

        @Override
        protected double computePrefHeight(double width) {
            return Math.max(glyph.prefHeight(-1), Math.max(title.prefHeight(-1), right.prefHeight(-1)));
        }

        @Override
        protected void layoutChildren() {
            double h = getHeight();
            double gw = Math.max(glyph.minWidth(-1), glyph.prefWidth(-1));
            layoutInArea(glyph, 0, 0, gw, h, 0, javafx.geometry.HPos.LEFT, javafx.geometry.VPos.CENTER);
            double x = gw + GAP;
            double room = Math.max(0, getWidth() - x);
            double tw = title.prefWidth(-1);
            double rw = right.getText() == null || right.getText().isEmpty() ? 0 : right.prefWidth(-1);
            boolean typeFits = tw + GAP + rw <= room;
            right.setVisible(typeFits && rw > 0);
            double titleWidth = typeFits ? tw : room;
            layoutInArea(title, x, 0, Math.min(titleWidth, room), h, 0, javafx.geometry.HPos.LEFT, javafx.geometry.VPos.CENTER);
            if (typeFits) {
                layoutInArea(right, getWidth() - rw, 0, rw, h, 0, javafx.geometry.HPos.RIGHT, javafx.geometry.VPos.CENTER);
            }
        }
    }
}
