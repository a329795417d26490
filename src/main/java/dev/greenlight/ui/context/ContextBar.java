package dev.greenlight.ui.context;

import dev.greenlight.loader.ChecklistLoader;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The bar that says what a run looks at: checklist, checkout, variables, AWS profile/region/endpoint,
 * and the account and caller. When the target looks like production the whole bar turns loud.
 */
public final class ContextBar extends VBox {

    /** What the bar asks the app to do. */
    public interface Actions {
        void openChecklist(String bundledIdOrPath);

        void openCheckout(Path folder);

        void contextChanged();
    }

    public ContextBar(ContextViewModel vm, Actions actions) {
        getStyleClass().add("context-bar");
        setId("context-bar");

        MenuButton checklist = new MenuButton();
        checklist.setId("checklist-chooser");
        checklist.textProperty().bind(Bindings.createStringBinding(() -> {
            var c = vm.checklistProperty().get();
            return c != null ? c.title() : vm.checklistSourceProperty().get().isEmpty() ? "Choose a checklist" : vm.checklistSourceProperty().get();
        }, vm.checklistProperty(), vm.checklistSourceProperty()));
        for (String id : ChecklistLoader.bundledIds()) {
            MenuItem mi = new MenuItem("Bundled: " + id);
            mi.setOnAction(e -> actions.openChecklist("bundled:" + id));
            checklist.getItems().add(mi);
        }
        MenuItem open = new MenuItem("Open checklist file…");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Open a checklist");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Checklists (*.yaml, *.yml)", "*.yaml", "*.yml"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                actions.openChecklist(f.getAbsolutePath());
            }
        });
        checklist.getItems().addAll(new SeparatorMenuItem(), open);

        Button checkout = new Button();
        checkout.setId("checkout-chooser");
        checkout.textProperty().bind(Bindings.createStringBinding(() -> vm.checkoutProperty().get() == null
                ? "Choose a checkout…" : shorten(vm.checkoutProperty().get()), vm.checkoutProperty()));
        checkout.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(vm.checkoutProperty().get() == null
                ? "The folder of the repository to check" : vm.checkoutProperty().get().toString()), vm.checkoutProperty()));
        checkout.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Choose the checkout (repository root)");
            if (vm.checkoutProperty().get() != null && vm.checkoutProperty().get().toFile().isDirectory()) {
                dc.setInitialDirectory(vm.checkoutProperty().get().toFile());
            }
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                actions.openCheckout(f.toPath());
            }
        });

        Button vars = new Button();
        vars.setId("variables-button");
        vars.textProperty().bind(Bindings.createStringBinding(() -> vm.variables().isEmpty() ? "No variables"
                : vm.variables().stream().filter(v -> v.name().equals("stage") || v.overridden()).limit(3)
                .map(v -> v.name() + "=" + v.value()).collect(Collectors.joining("  ", "", "")) + "  ✎", vm.variables()));
        vars.setTooltip(new Tooltip("Edit the checklist's variables (stage, stack names…)"));
        vars.setOnAction(e -> {
            if (editVariables(vm)) {
                actions.contextChanged();
            }
        });

        ComboBox<String> profile = new ComboBox<>(vm.profiles());
        profile.setId("aws-profile");
        profile.setEditable(true);
        profile.setPromptText("default chain");
        profile.setPrefWidth(150);
        profile.valueProperty().bindBidirectional(vm.profileProperty());
        profile.setTooltip(new Tooltip("AWS profile from ~/.aws/config"));
        TextField region = new TextField();
        region.setPromptText("region");
        region.setPrefColumnCount(9);
        region.textProperty().bindBidirectional(vm.regionProperty());
        TextField endpoint = new TextField();
        endpoint.setPromptText("endpoint override");
        endpoint.setPrefColumnCount(14);
        endpoint.textProperty().bindBidirectional(vm.endpointProperty());
        endpoint.setTooltip(new Tooltip("Send every AWS call here (a local emulator), e.g. http://127.0.0.1:4566"));
        profile.valueProperty().addListener((o, a, b) -> actions.contextChanged());
        region.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                actions.contextChanged();
            }
        });
        endpoint.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                actions.contextChanged();
            }
        });

        Label identity = new Label();
        identity.setId("aws-identity");
        identity.getStyleClass().add("aws-identity");
        identity.textProperty().bind(vm.awsStatusProperty());
        identity.setMinWidth(0);

        Label prod = new Label("PRODUCTION");
        prod.setId("production-badge");
        prod.getStyleClass().add("production-badge");
        prod.visibleProperty().bind(vm.productionProperty());
        prod.managedProperty().bind(prod.visibleProperty());

        FlowPane row = new FlowPane(8, 6,
                group("Checklist", checklist), group("Checkout", checkout), group("Variables", vars),
                group("AWS", profile, region, endpoint));
        row.setAlignment(Pos.CENTER_LEFT);
        HBox banner = awsBanner(vm, profile);
        // the banner says more than "not connected" on a first run; the identity comes back once AWS is set
        identity.visibleProperty().bind(banner.visibleProperty().not());
        identity.managedProperty().bind(identity.visibleProperty());
        HBox idRow = new HBox(8, prod, identity, banner);
        idRow.setAlignment(Pos.CENTER_LEFT);
        idRow.getStyleClass().add("identity-row");
        setSpacing(6);
        setPadding(new Insets(8, 12, 8, 12));
        getChildren().addAll(row, idRow);
        vm.productionProperty().addListener((o, a, b) -> production(b));
        production(vm.isProduction());
    }

    /** First run without AWS: one line that says what works and what to set, instead of an identity nobody has. */
    private static HBox awsBanner(ContextViewModel vm, ComboBox<String> profile) {
        Label text = new Label("AWS not configured — local checks only. Set a profile or region to check the deployed stack.");
        text.setId("aws-banner-text");
        text.setWrapText(true);
        text.setMinWidth(0);
        Button set = new Button("Set profile");
        set.setId("aws-banner-set");
        set.setMinWidth(Region.USE_PREF_SIZE);
        set.setOnAction(e -> {
            profile.requestFocus();
            profile.getEditor().selectAll();
        });
        HBox banner = new HBox(10, text, set);
        banner.setId("aws-banner");
        banner.getStyleClass().add("aws-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(vm.awsConfiguredProperty().not());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void production(boolean on) {
        getStyleClass().remove("production");
        if (on) {
            getStyleClass().add("production");
        }
    }

    private static HBox group(String label, javafx.scene.Node... nodes) {
        Label l = new Label(label);
        l.getStyleClass().add("context-label");
        HBox h = new HBox(6, l);
        h.getChildren().addAll(nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static String shorten(Path p) {
        String s = p.toString();
        String home = System.getProperty("user.home");
        if (home != null && s.startsWith(home)) {
            s = "~" + s.substring(home.length());
        }
        return s.length() > 48 ? "…" + s.substring(s.length() - 47) : s;
    }

    /** A small table of name, default and value; returns true when the person pressed OK. */
    private boolean editVariables(ContextViewModel vm) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Variables");
        d.setHeaderText("Values used by this checklist's checks. Blank resets to the default.");
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        TableView<VariableRow> table = new TableView<>();
        table.setEditable(true);
        TableColumn<VariableRow, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().name()));
        TableColumn<VariableRow, String> def = new TableColumn<>("Default");
        def.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().defaultValue()));
        TableColumn<VariableRow, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().value()));
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setEditable(true);
        java.util.Map<VariableRow, String> edits = new java.util.HashMap<>();
        value.setOnEditCommit(ev -> edits.put(ev.getRowValue(), ev.getNewValue()));
        name.setPrefWidth(160);
        def.setPrefWidth(240);
        value.setPrefWidth(240);
        table.getColumns().add(name);
        table.getColumns().add(def);
        table.getColumns().add(value);
        table.getItems().setAll(vm.variables());
        table.setPrefSize(680, 320);
        d.getDialogPane().setContent(table);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        boolean ok = d.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        if (ok) {
            edits.forEach((row, v) -> row.valueProperty().set(v == null || v.isBlank() ? row.defaultValue() : v));
        }
        return ok && !edits.isEmpty();
    }
}
