package dev.greenlight.app;

import dev.greenlight.files.AppDirs;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.model.Checklist;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.store.AppSettings;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.context.AwsProfiles;
import dev.greenlight.ui.context.ContextBar;
import dev.greenlight.ui.context.ContextViewModel;
import dev.greenlight.ui.detail.DetailContext;
import dev.greenlight.ui.detail.DetailView;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.Screen;
import javafx.geometry.Rectangle2D;
import javafx.util.Duration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * The main window: tool bar, context bar, the checklist beside the selected item's details, and a
 * status bar. Loading a checklist, opening the session and materialising the sample checkout run in
 * the background; the window shows "Loading…" meanwhile.
 */
public final class MainWindow {
    private final Stage stage;
    private final AppConfig config;
    private final DialogService dialogs;
    private final Consumer<String> showDocument;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "greenlight-background");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final Toasts toasts = new Toasts(Duration.seconds(4));
    private final StackPane left = new StackPane();
    private final StackPane right = new StackPane();
    private final StatusBar statusBar = new StatusBar();
    private final ContextViewModel context;
    private final MainToolbar toolbar = new MainToolbar(this::statusesChecked);
    private final Label noMatch = new Label();
    private final Scene scene;
    private final WindowPlaces places = WindowPlaces.load(AppDirs.config().resolve("window.json"));
    private final AppRuns runs;
    private final SettingsKeeper settings = new SettingsKeeper(background, m -> statusBar.message(m));
    private ChecklistViewModel vm;
    /** Completes when the previous checklist's saves are on disk; the next one reads the same file. */
    private CompletableFuture<Void> previousSaved = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> closed;
    private ChecklistView tree;
    private DetailView detail;
    private final DisplayVariables variables = new DisplayVariables(background);
    private boolean loadingContext;
    private Modes modes;
    private Shortcuts shortcuts;

    public MainWindow(Stage stage, AppConfig config, DialogService dialogs, Consumer<String> showDocument) {
        this.stage = stage;
        this.config = config;
        this.dialogs = dialogs;
        this.showDocument = showDocument;
        context = new ContextViewModel(Set.of());
        runs = new AppRuns(config, context, () -> vm, () -> tree, m -> statusBar.message(m));
        context.awsInEnvironmentProperty().set(ContextViewModel.awsInEnvironment(System.getenv()));
        // any change of a variable re-resolves commands and log groups, whoever made it
        context.variables().addListener((javafx.collections.ListChangeListener<Object>) c -> contextChanged());
        scene = new Scene(toasts.over(root), 1280, 800);
        build();
        shortcuts = shortcuts();
        theme(settings.current().theme());
        dialogs.owner(stage);
        // the window shows "Loading…" at once; settings and profiles are files, read off the FX thread
        BackgroundTask.wrap(() -> AppSettings.load(AppDirs.config()))
                .onSuccess(s -> settingsLoaded(s, AwsProfiles.read(AwsProfiles.configFile(System.getenv())), null, null))
                .onFailure(e -> settingsLoaded(AppSettings.defaults(), AwsProfiles.read(AwsProfiles.configFile(System.getenv())),
                        "Your settings file could not be read, so defaults are used. Fix or delete "
                                + AppDirs.config().resolve("settings.json") + " and start Greenlight again.", e))
                .executeWith(background);
    }

    private void settingsLoaded(AppSettings s, List<String> profiles, String problem, Exception failure) {
        if (closed != null) {
            return;
        }
        settings.loaded(s);
        loadingContext = true;
        try {
            context.setProductionAccounts(new HashSet<>(s.productionAccounts()));
            context.profiles().setAll(profiles);
            context.profileProperty().set(s.awsProfile());
            context.regionProperty().set(s.awsRegion());
            context.endpointProperty().set(s.awsEndpoint());
        } finally {
            loadingContext = false;
        }
        theme(s.theme());
        if (problem != null) {
            dialogs.failure(problem, failure);
        }
        open(config.checklist(), config.checkout());
    }

    public void show() {
        stage.setTitle("Greenlight");
        List<Image> icons = new java.util.ArrayList<>();
        for (int size : new int[]{16, 32, 48, 64, 128, 256}) {
            var url = MainWindow.class.getResource("/dev/greenlight/icons/greenlight-" + size + ".png");
            if (url != null) {
                icons.add(new Image(url.toExternalForm()));
            }
        }
        stage.getIcons().setAll(icons);
        stage.setScene(scene);
        placeOnScreen();
        stage.focusedProperty().addListener((o, a, focused) -> {
            if (focused) {
                probeCheckout();
            }
        });
        stage.show();
    }

    /**
     * Opens within the screen the window is on: the size remembered for that screen or the default,
     * clamped to its usable area, centred in it. The size is read here, before the first frame, so
     * the window does not jump (window.json is a few lines).
     */
    private void placeOnScreen() {
        Rectangle2D vb = screen().getVisualBounds();
        double[] size = places.size(vb);
        stage.setMinWidth(Math.min(900, vb.getWidth()));
        stage.setMinHeight(Math.min(600, vb.getHeight()));
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
        stage.setX(vb.getMinX() + (vb.getWidth() - size[0]) / 2);
        stage.setY(vb.getMinY() + (vb.getHeight() - size[1]) / 2);
        javafx.beans.InvalidationListener remember = o -> {
            if (stage.isShowing() && !stage.isMaximized() && !stage.isFullScreen()) {
                places.rememberSize(screen().getVisualBounds(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.widthProperty().addListener(remember);
        stage.heightProperty().addListener(remember);
    }

    /** The screen holding the window's centre (the primary one before it has a place). */
    private Screen screen() {
        if (Double.isNaN(stage.getX()) || Double.isNaN(stage.getWidth())) {
            return Screen.getPrimary();
        }
        var screens = Screen.getScreensForRectangle(stage.getX() + stage.getWidth() / 2, stage.getY() + stage.getHeight() / 2, 1, 1);
        return screens.isEmpty() ? Screen.getPrimary() : screens.get(0);
    }

    public Scene scene() {
        return scene;
    }

    public ChecklistViewModel viewModel() {
        return vm;
    }

    public ContextViewModel contextViewModel() {
        return context;
    }

    public DetailView detail() {
        return detail;
    }

    /** Where the walkthrough's exports go instead of a file chooser (tests). */
    public void setSaveChooser(java.util.function.BiFunction<String, String, Path> chooser) {
        modes.setSaveAs(chooser);
    }

    /**
     * Stops a run and background work without waiting on the FX thread. The future completes when
     * every pending save is on disk and the AWS clients are closed; the app exits after it.
     */
    public CompletableFuture<Void> close() {
        if (closed != null) {
            return closed;
        }
        CompletableFuture<Void> saved = vm != null ? vm.close() : previousSaved;
        vm = null;
        if (detail != null) {
            detail.show(null);
        }
        Services s = variables.take();
        modes.close();
        closed = saved.handle((v, e) -> null).thenRunAsync(() -> {
            try {
                places.save();
            } catch (java.io.IOException e) {
                // the window's size is a convenience; the next start uses the default
            }
            if (config.logTails() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing HTTP clients at exit; nothing to tell anyone
                }
            }
            if (s != null) {
                s.close();
            }
        }, background).whenComplete((v, e) -> background.shutdown());
        return closed;
    }

    private void build() {
        root.getStyleClass().add("main");
        MainToolbar t = toolbar;
        t.dark.setOnAction(e -> {
            theme(t.dark.isSelected() ? "dark" : "light");
            settings.update(s -> s.withTheme(t.dark.isSelected() ? "dark" : "light"));
        });
        t.keys.setOnAction(e -> showKeys());
        t.runAll.setOnAction(e -> runs.runAll());
        t.runSection.setOnAction(e -> runs.runSection());
        t.runItem.setOnAction(e -> runs.runItem());
        t.stop.setOnAction(e -> runs.stop());
        SplitPane split = new SplitPane(left, right);
        modes = new Modes(root::setCenter, split, background, context::callerArn, variables::get,
                arn -> AwsConsole.url(arn, context.regionProperty().get()), statusBar::message, () -> stage);
        modes.setOnShow(this::probeCheckout);
        toolbar.addCommand(new NewChecklistAction(() -> stage, () -> context.checkoutProperty().get(), background,
                (file, co) -> open(file.toString(), co), statusBar::message, dialogs).button());

        ContextBar bar = new ContextBar(context, new ContextBar.Actions() {
            @Override
            public void openChecklist(String bundledIdOrPath) {
                open(bundledIdOrPath, context.checkoutProperty().get());
            }

            @Override
            public void openCheckout(Path folder) {
                open(context.checklistSourceProperty().get(), folder);
            }

            @Override
            public void contextChanged() {
                // qualified: an unqualified contextChanged() here names this method itself
                MainWindow.this.contextChanged();
            }
        });
        root.setTop(new VBox(t.node(), bar, modes.strip()));
        // the list grows with the window (it kept 490 px on a 2560 px screen and cut every long
        // title); where the person drags the divider is kept
        split.setId("main-split");
        split.setDividerPositions(places.divider("main", 0.4));
        split.getDividers().get(0).positionProperty().addListener((o, a, b) -> places.rememberDivider("main", b.doubleValue()));
        left.setMinWidth(300);
        right.setMinWidth(360);
        noMatch.setId("no-match");
        noMatch.getStyleClass().add("placeholder");
        noMatch.setWrapText(true);
        noMatch.setMouseTransparent(true);
        StackPane.setAlignment(noMatch, Pos.TOP_LEFT);
        root.setCenter(split);
        root.setBottom(statusBar);
        toolbar.setRunControls(false, true);
        left.getChildren().setAll(placeholder("Loading the checklist…"));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> shortcuts.handle(e));
    }

    /** Every shortcut, in the order of the Keys sheet; the first that matches and applies wins. */
    private Shortcuts shortcuts() {
        KeyCombination.Modifier ctrl = KeyCombination.SHORTCUT_DOWN;
        Shortcuts k = new Shortcuts();
        k.describe("↑ ↓", "move in the checklist (← → fold a section)");
        k.add("Enter", "run the selected item or section (in the checklist)", e -> e.getCode() == KeyCode.ENTER
                && !e.isShortcutDown() && !e.isShiftDown(), () -> tree != null && tree.isFocused(), runs::runSelected);
        k.add("Ctrl+Enter", "run all", new KeyCodeCombination(KeyCode.ENTER, ctrl), () -> true, runs::runAll);
        k.add("Ctrl+Shift+Enter", "run the selected section", new KeyCodeCombination(KeyCode.ENTER, ctrl, KeyCombination.SHIFT_DOWN),
                () -> true, runs::runSection);
        k.add("Esc", "clear the filter (in the filter box)", e -> e.getCode() == KeyCode.ESCAPE,
                () -> toolbar.filter.isFocused() && !toolbar.filter.getText().isEmpty(), toolbar.filter::clear);
        k.add("Esc", "stop the run", e -> e.getCode() == KeyCode.ESCAPE, () -> vm != null && vm.isRunning(), runs::stop);
        k.add("Space", "sign off / take back the selected manual item (with its note)", e -> e.getCode() == KeyCode.SPACE,
                () -> tree != null && tree.isFocused(), runs::toggleSelected);
        k.add("Ctrl+F", "filter items by text (status box beside it)", new KeyCodeCombination(KeyCode.F, ctrl), () -> true, () -> {
            toolbar.filter.requestFocus();
            toolbar.filter.selectAll();
        });
        k.add("Ctrl+1", "Checklist mode", new KeyCodeCombination(KeyCode.DIGIT1, ctrl), () -> true, () -> modes.select(Modes.Mode.CHECKLIST));
        k.add("Ctrl+2", "Walkthrough mode", new KeyCodeCombination(KeyCode.DIGIT2, ctrl), () -> true, () -> modes.select(Modes.Mode.WALKTHROUGH));
        k.add("Ctrl+3", "History mode", new KeyCodeCombination(KeyCode.DIGIT3, ctrl), () -> true, () -> modes.select(Modes.Mode.HISTORY));
        k.add("Ctrl+4", "On-call mode", new KeyCodeCombination(KeyCode.DIGIT4, ctrl), () -> true, () -> modes.select(Modes.Mode.ONCALL));
        BooleanSupplier walking = () -> modes.walkthrough() != null && modes.mode() == Modes.Mode.WALKTHROUGH;
        k.add("Alt+→", "Walkthrough: next item", new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN), walking,
                () -> modes.walkthrough().next());
        k.add("Alt+←", "Walkthrough: back", new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN), walking,
                () -> modes.walkthrough().back());
        k.add("Ctrl+R", "Walkthrough: run this item again", new KeyCodeCombination(KeyCode.R, ctrl), walking,
                () -> modes.walkthrough().runCurrent());
        k.add("Ctrl+S", "Walkthrough: sign off with the note (Enter in the note box too)", new KeyCodeCombination(KeyCode.S, ctrl),
                walking, () -> modes.walkthrough().signOff());
        k.add("Ctrl+G", "Walkthrough: the go/no-go record", new KeyCodeCombination(KeyCode.G, ctrl), walking,
                () -> modes.walkthrough().record());
        k.describe("Tab", "next control (Shift+Tab back): tool bar, context bar, modes, list, details");
        k.describe("Ctrl+C", "copy a focused command, or selected log lines");
        k.add("F1", "this list", e -> e.getCode() == KeyCode.F1, () -> true, this::showKeys);
        return k;
    }

    /** The Keys sheet's text, for tests. */
    public String keysSheet() {
        return shortcuts.sheet();
    }

    private void showKeys() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Greenlight");
        a.setHeaderText("Keyboard");
        Label l = new Label(shortcuts.sheet());
        l.getStyleClass().add("mono");
        a.getDialogPane().setContent(l);
        a.initOwner(stage);
        a.show();
    }

    /**
     * A short message in the window's corner that goes away by itself ("Copied …", "Run finished: 2
     * FAIL."): it covers nothing the person is reading and needs no click.
     */
    public void notify(String text) {
        if (!stage.isShowing()) {
            return;
        }
        toasts.show(text);
    }

    private void statusesChecked(List<Status> checked) {
        if (vm != null) {
            vm.filterStatuses().retainAll(checked);
            vm.filterStatuses().addAll(checked);
        }
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("placeholder");
        l.setWrapText(true);
        return l;
    }

    private void theme(String name) {
        scene.getStylesheets().setAll(
                MainWindow.class.getResource("/dev/greenlight/ui/base.css").toExternalForm(),
                MainWindow.class.getResource("/dev/greenlight/ui/" + ("dark".equals(name) ? "dark" : "light") + ".css").toExternalForm());
        toolbar.dark.setSelected("dark".equals(name));
    }

    /** Switches to "dark" or "light"; for screenshots and the toggle. */
    public void setTheme(String name) {
        theme(name);
    }

    /**
     * Enables the run buttons for the state. A button clicked with the mouse has the focus; when it
     * is disabled JavaFX moves the focus on to the next control, which was the filter box, so the
     * next key filtered the list. The focus goes back to the checklist instead.
     */
    private void setRunControls(boolean running, boolean noChecklist) {
        Node owner = scene.getFocusOwner();
        toolbar.setRunControls(running, noChecklist);
        if (owner != null && owner.isDisabled() && tree != null && tree.getScene() != null) {
            tree.requestFocus();
        }
    }

    /** Loads a checklist and a checkout in the background, then shows them. */
    private void open(String checklistRef, Path checkoutChoice) {
        if (vm != null) {
            previousSaved = vm.close();
        }
        CompletableFuture<Void> saved = previousSaved;
        vm = null;
        modes.unloaded();
        statusBar.unbind();
        setRunControls(false, true);
        left.getChildren().setAll(placeholder("Loading the checklist…"));
        right.getChildren().clear();
        BackgroundTask.wrap(() -> ChecklistOpening.read(checklistRef, checkoutChoice, settings.current(), config.runners(), saved))
                .onSuccess(this::loaded)
                .onFailure(e -> dialogs.failure("The checklist could not be opened (" + Plain.firstLine(e)
                        + "). Choose another one in the bar above.", e))
                .executeWith(background);
    }

    private void loaded(ChecklistOpening o) {
        if (closed != null) {
            return;
        }
        String ref = o.ref();
        LoadResult result = o.result();
        Path checkout = o.checkout();
        String checkoutProblem = o.checkoutProblem();
        String storeProblem = o.storeProblem();
        Checklist c = result.checklist().orElse(null);
        Map<String, String> overrides = c == null ? Map.of() : settings.current().variables().getOrDefault(c.id(), Map.of());
        context.checkoutProperty().set(checkout);
        loadingContext = true;
        try {
            context.checklistLoaded(c, ref, result.problems(), overrides);
        } finally {
            loadingContext = false;
        }
        settings.update(s -> s.withLastChecklist(ref).withLastCheckout(checkout == null ? s.lastCheckout() : checkout.toString()));
        if (c == null) {
            showProblems(ref, result.problems());
            if (checkoutProblem != null) {
                statusBar.message(checkoutProblem);
            }
            return;
        }
        refreshVariables();
        vm = new ChecklistViewModel(c, o.store(), FxBridge.FX, FxBridge.NEXT_TURN, runs.starterFor(c));
        vm.setContext(context.facts());
        tree = new ChecklistView(vm);
        DetailContext detailCtx = new MainDetailContext(context, config, background, variables::get, settings::current,
                () -> vm, () -> stage, showDocument, this::notify, dialogs);
        detail = new DetailView(detailCtx, arn -> AwsConsole.url(arn, context.regionProperty().get()));
        noMatch.textProperty().bind(vm.noMatchProperty());
        noMatch.visibleProperty().bind(vm.noMatchProperty().isNotEmpty());
        left.getChildren().setAll(tree, noMatch);
        right.getChildren().setAll(detail);
        statusBar.bind(vm);
        modes.loaded(vm, detailCtx, detail);
        vm.filterTextProperty().bind(toolbar.filter.textProperty());
        statusesChecked(toolbar.statusFilter.getCheckModel().getCheckedItems());
        toolbar.progress.progressProperty().bind(vm.progressProperty());
        vm.runningProperty().addListener((x, a, running) -> setRunControls(running, false));
        vm.lastReportProperty().addListener((x, a, r) -> {
            if (r != null) {
                context.runFinished(r);
                notify(AppRuns.finished(r));
            }
        });
        setRunControls(false, checkout == null);
        probeCheckout();
        tree.getSelectionModel().selectedItemProperty().addListener((x, a, b) -> detail.show(tree.selectedItem()));
        if (!tree.getRoot().getChildren().isEmpty() && !tree.getRoot().getChildren().get(0).getChildren().isEmpty()) {
            tree.getSelectionModel().select(tree.getRoot().getChildren().get(0).getChildren().get(0));
        }
        tree.requestFocus();
        String msg = checkoutProblem != null ? checkoutProblem : storeProblem != null ? storeProblem
                : c.title() + " · " + c.items().count() + " items · press Ctrl+Enter to run all.";
        statusBar.message(msg);
        stage.setTitle("Greenlight — " + c.title());
    }

    /**
     * Looks at the checkout's HEAD and working tree (off the FX thread): a commit made while the
     * window was open makes sign-offs and a shown record on the old one stale without waiting for a
     * run. Done when a checklist opens, when the window gets the focus back, and on every mode switch.
     */
    public void probeCheckout() {
        ChecklistViewModel model = vm;
        Path checkout = context.checkoutProperty().get();
        if (model == null || checkout == null || background.isShutdown()) {
            return;
        }
        BackgroundTask.wrap(() -> CheckoutLook.of(checkout))
                .onSuccess(look -> {
                    if (look != null && vm == model) {
                        model.setCheckout(look.sha(), look.dirty());
                    }
                })
                .executeWith(background);
    }

    private void showProblems(String ref, List<Problem> problems) {
        left.getChildren().setAll(LoadProblemsPane.of(ref, problems));
        right.getChildren().setAll(placeholder("Open another checklist with the Checklist menu above."));
        statusBar.message("No checklist loaded.");
    }

    private void contextChanged() {
        if (loadingContext) {
            return;
        }
        if (vm != null) {
            vm.setContext(context.facts());
        }
        Checklist c = context.checklistProperty().get();
        Map<String, String> overrides = context.overrides();
        AwsSettings aws = context.awsSettings();
        settings.update(s -> (c == null ? s : s.withVariables(c.id(), overrides))
                .withAws(aws.profile(), aws.region(), aws.endpointUrl()));
        refreshVariables();
        if (detail != null && detail.shown() != null) {
            ItemState s = detail.shown();
            detail.show(null);
            detail.show(s);
        }
    }

    /** The variables troubleshooting commands and log groups are resolved with. */
    private void refreshVariables() {
        variables.refresh(context.checklistProperty().get(), context.checkoutProperty().get(), context.overrides(),
                context.awsSettings());
    }
}
