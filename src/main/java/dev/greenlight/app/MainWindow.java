package dev.greenlight.app;

import dev.greenlight.files.AppDirs;
import dev.greenlight.wiring.Greenlight;
import dev.greenlight.wiring.SampleCheckout;
import dev.greenlight.engine.ChecklistRun;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Status;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.Checklist;
import dev.greenlight.loader.ChecklistLoader;
import dev.greenlight.model.LoadResult;
import dev.greenlight.model.Problem;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.aws.AwsSupport;
import dev.greenlight.store.AppSettings;
import dev.greenlight.store.SessionStore;
import dev.greenlight.ui.checklist.ChecklistView;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.checklist.ItemState;
import dev.greenlight.ui.checklist.SectionState;
import dev.greenlight.ui.checklist.StatusGlyphs;
import dev.greenlight.ui.context.AwsProfiles;
import dev.greenlight.ui.context.ContextBar;
import dev.greenlight.ui.context.ContextViewModel;
import dev.greenlight.ui.detail.DetailContext;
import dev.greenlight.ui.detail.DetailView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
    private final ProgressBar progress = new ProgressBar(0);
    private final CustomTextField filter = (CustomTextField) TextFields.createClearableTextField();
    private final CheckComboBox<Status> statusFilter = new CheckComboBox<>();
    private final Label noMatch = new Label();
    private final Button runAll = new Button("Run all");
    private final Button runSection = new Button("Run section");
    private final Button runItem = new Button("Run item");
    private final Button stop = new Button("Stop");
    private final ToggleButton dark = new ToggleButton("☾ Dark");
    private final Scene scene;
    private volatile AppSettings settings = AppSettings.defaults();
    private ChecklistViewModel vm;
    /** Completes when the previous checklist's saves are on disk; the next one reads the same file. */
    private CompletableFuture<Void> previousSaved = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> closed;
    private ChecklistView tree;
    private DetailView detail;
    private volatile Variables variables;
    private Services services;
    private boolean loadingContext;
    private Modes modes;

    public MainWindow(Stage stage, AppConfig config, DialogService dialogs, Consumer<String> showDocument) {
        this.stage = stage;
        this.config = config;
        this.dialogs = dialogs;
        this.showDocument = showDocument;
        context = new ContextViewModel(Set.of());
        context.awsInEnvironmentProperty().set(ContextViewModel.awsInEnvironment(System.getenv()));
        // any change of a variable re-resolves commands and log groups, whoever made it
        context.variables().addListener((javafx.collections.ListChangeListener<Object>) c -> contextChanged());
        scene = new Scene(toasts.over(root), 1280, 800);
        build();
        theme(settings.theme());
        dialogs.owner(stage);
        // the window shows "Loading…" at once; settings and profiles are files, read off the FX thread
        background.execute(() -> {
            AppSettings loaded;
            String problem = null;
            Exception failure = null;
            try {
                loaded = AppSettings.load(AppDirs.config());
            } catch (IOException | RuntimeException e) {
                loaded = AppSettings.defaults();
                problem = "Your settings file could not be read, so defaults are used: " + e.getMessage();
                failure = e;
            }
            List<String> profiles = AwsProfiles.read(AwsProfiles.configFile(System.getenv()));
            AppSettings s = loaded;
            String p = problem;
            Exception f = failure;
            FxBridge.run(() -> settingsLoaded(s, profiles, p, f));
        });
    }

    private void settingsLoaded(AppSettings s, List<String> profiles, String problem, Exception failure) {
        if (closed != null) {
            return;
        }
        settings = s;
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
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.focusedProperty().addListener((o, a, focused) -> {
            if (focused) {
                probeCheckout();
            }
        });
        stage.show();
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
        Services s = services;
        services = null;
        modes.close();
        closed = saved.handle((v, e) -> null).thenRunAsync(() -> {
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
        Label brand = new Label("● Greenlight");
        brand.getStyleClass().add("brand");
        runAll.setId("run-all");
        runAll.setTooltip(new Tooltip("Run every item (Ctrl+Enter)"));
        runAll.getStyleClass().add("accent");
        runSection.setId("run-section");
        runSection.setTooltip(new Tooltip("Run the selected section"));
        runItem.setId("run-item");
        runItem.setTooltip(new Tooltip("Run the selected item (Enter)"));
        stop.setId("stop");
        stop.setTooltip(new Tooltip("Stop the run (Esc)"));
        progress.setId("progress");
        progress.setPrefWidth(180);
        filter.setId("filter");
        filter.setPromptText("Filter items (Ctrl+F)");
        filter.setPrefColumnCount(18);
        statusFilter.setId("status-filter");
        statusFilter.getItems().addAll(Status.values());
        statusFilter.setTitle("All statuses");
        statusFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Status s) {
                return s == null ? "" : StatusGlyphs.glyph(s) + " " + StatusGlyphs.label(s);
            }

            @Override
            public Status fromString(String string) {
                return null;
            }
        });
        statusFilter.setTooltip(new Tooltip("Show only items with the ticked statuses; none ticked shows all"));
        statusFilter.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<Status>) c -> syncStatusFilter());
        dark.setId("theme-toggle");
        dark.setTooltip(new Tooltip("Dark theme"));
        dark.setOnAction(e -> {
            theme(dark.isSelected() ? "dark" : "light");
            settings = settings.withTheme(dark.isSelected() ? "dark" : "light");
            saveSettings();
        });
        Button keysButton = new Button("Keys");
        keysButton.setId("keys");
        keysButton.setTooltip(new Tooltip(KEYS));
        keysButton.setOnAction(e -> showKeys());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        modes = new Modes(root::setCenter, split, background, context::callerArn, () -> variables,
                arn -> AwsConsole.url(arn, context.regionProperty().get()), statusBar::message, () -> stage);
        modes.setOnShow(this::probeCheckout);
        HBox toolbar = new HBox(8, brand, runAll, runSection, runItem, stop, progress, spacer, filter, statusFilter, dark, keysButton);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 12, 8, 12));
        toolbar.getStyleClass().add("toolbar");

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
                // not contextChanged(): inside this class that is this method, which recursed until the stack overflowed
                MainWindow.this.contextChanged();
            }
        });
        root.setTop(new VBox(toolbar, bar, modes.strip()));
        split.setDividerPositions(0.38);
        SplitPane.setResizableWithParent(left, false);
        left.setMinWidth(320);
        noMatch.setId("no-match");
        noMatch.getStyleClass().add("placeholder");
        noMatch.setWrapText(true);
        noMatch.setMouseTransparent(true);
        StackPane.setAlignment(noMatch, Pos.TOP_LEFT);
        root.setCenter(split);
        root.setBottom(statusBar);
        setRunControls(false, true);
        left.getChildren().setAll(placeholder("Loading the checklist…"));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    static final String KEYS = String.join("\n",
            "↑ ↓            move in the checklist (← → fold a section)",
            "Enter          run the selected item or section",
            "Ctrl+Enter     run all",
            "Esc            stop the run",
            "Space          tick / untick the selected manual item",
            "Ctrl+F         filter items by text (status box beside it)",
            "Ctrl+C         copy a focused command, or selected log lines",
            "F1             this list");

    private void showKeys() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Greenlight");
        a.setHeaderText("Keyboard");
        Label l = new Label(KEYS);
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

    private void syncStatusFilter() {
        List<Status> checked = statusFilter.getCheckModel().getCheckedItems();
        statusFilter.setTitle(checked.isEmpty() ? "All statuses" : checked.stream()
                .map(s -> StatusGlyphs.glyph(s) + " " + StatusGlyphs.label(s)).collect(java.util.stream.Collectors.joining(", ")));
        if (vm != null) {
            vm.filterStatuses().retainAll(statusFilter.getCheckModel().getCheckedItems());
            vm.filterStatuses().addAll(statusFilter.getCheckModel().getCheckedItems());
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
        dark.setSelected("dark".equals(name));
    }

    /** Switches to "dark" or "light"; for screenshots and the toggle. */
    public void setTheme(String name) {
        theme(name);
    }

    private void keys(KeyEvent e) {
        if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
            runAll();
            e.consume();
        } else if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
            filter.requestFocus();
            filter.selectAll();
            e.consume();
        } else if (e.getCode() == KeyCode.F1) {
            showKeys();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && filter.isFocused() && !filter.getText().isEmpty()) {
            filter.clear();
            e.consume();
        } else if (e.getCode() == KeyCode.ESCAPE && vm != null && vm.isRunning()) {
            vm.stop();
            e.consume();
        } else if (tree != null && tree.isFocused() && e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
            if (tree.selectedItem() != null) {
                vm.runItem(tree.selectedItem().id());
            } else if (tree.selectedSection() != null) {
                vm.runSection(tree.selectedSection().id());
            }
            e.consume();
        } else if (tree != null && tree.isFocused() && e.getCode() == KeyCode.SPACE) {
            ItemState s = tree.selectedItem();
            if (s != null) {
                vm.toggleTick(s.id(), vm.note(s.id()), System.getProperty("user.name"), context.callerArn());
                if (!vm.messageProperty().get().isEmpty()) {
                    statusBar.message(vm.messageProperty().get());
                }
            }
            e.consume();
        }
    }

    private void runAll() {
        if (vm != null && context.checkoutProperty().get() != null) {
            vm.runAll();
        }
    }

    private void setRunControls(boolean running, boolean noChecklist) {
        runAll.setDisable(running || noChecklist);
        runSection.setDisable(running || noChecklist);
        runItem.setDisable(running || noChecklist);
        stop.setDisable(!running);
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
        background.execute(() -> {
            String ref = checklistRef != null ? checklistRef
                    : settings.lastChecklist() != null ? settings.lastChecklist()
                    : "bundled:" + ChecklistLoader.bundledIds().get(0);
            ChecklistLoader loader = new ChecklistLoader(config.runners());
            LoadResult result = ref.startsWith("bundled:") ? loader.loadBundled(ref.substring("bundled:".length()))
                    : loader.load(Path.of(ref));
            Path checkout = checkoutChoice;
            String checkoutProblem = null;
            if (checkout == null && settings.lastCheckout() != null && Files.isDirectory(Path.of(settings.lastCheckout()))) {
                checkout = Path.of(settings.lastCheckout());
            }
            if (checkout == null) {
                try {
                    checkout = SampleCheckout.ensure();
                } catch (IOException | RuntimeException e) {
                    checkoutProblem = "The sample checkout is not available (" + e.getMessage() + "). Choose your checkout folder above.";
                }
            }
            SessionStore store = null;
            String storeProblem = null;
            try {
                // ticks made just before the switch may still be on their way to the file read below
                saved.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                storeProblem = "Earlier ticks were still being saved; the newest may be missing until the next start.";
            }
            if (result.checklist().isPresent() && checkout != null) {
                try {
                    store = SessionStore.open(AppDirs.data(), result.checklist().get().id(), checkout);
                } catch (IOException | RuntimeException e) {
                    storeProblem = "Saved ticks and results could not be read (" + e.getMessage() + "); new ones will be saved.";
                }
            }
            Path co = checkout;
            SessionStore st = store;
            String cp = checkoutProblem;
            String sp = storeProblem;
            FxBridge.run(() -> loaded(ref, result, co, st, cp, sp));
        });
    }

    private void loaded(String ref, LoadResult result, Path checkout, SessionStore store, String checkoutProblem, String storeProblem) {
        if (closed != null) {
            return;
        }
        Checklist c = result.checklist().orElse(null);
        Map<String, String> overrides = c == null ? Map.of() : settings.variables().getOrDefault(c.id(), Map.of());
        context.checkoutProperty().set(checkout);
        loadingContext = true;
        try {
            context.checklistLoaded(c, ref, result.problems(), overrides);
        } finally {
            loadingContext = false;
        }
        settings = settings.withLastChecklist(ref).withLastCheckout(checkout == null ? settings.lastCheckout() : checkout.toString());
        saveSettings();
        if (c == null) {
            showProblems(ref, result.problems());
            if (checkoutProblem != null) {
                statusBar.message(checkoutProblem);
            }
            return;
        }
        refreshVariables();
        vm = new ChecklistViewModel(c, store, FxBridge.FX, FxBridge.NEXT_TURN, this::startRun);
        vm.setContext(context.facts());
        tree = new ChecklistView(vm);
        DetailContext detailCtx = detailContext();
        detail = new DetailView(detailCtx, arn -> AwsConsole.url(arn, context.regionProperty().get()));
        noMatch.textProperty().bind(vm.noMatchProperty());
        noMatch.visibleProperty().bind(vm.noMatchProperty().isNotEmpty());
        left.getChildren().setAll(tree, noMatch);
        right.getChildren().setAll(detail);
        statusBar.bind(vm);
        modes.loaded(vm, detailCtx, detail);
        vm.filterTextProperty().bind(filter.textProperty());
        syncStatusFilter();
        progress.progressProperty().bind(vm.progressProperty());
        vm.runningProperty().addListener((o, a, running) -> setRunControls(running, false));
        vm.lastReportProperty().addListener((o, a, r) -> {
            if (r != null) {
                context.runFinished(r);
                notify(runFinished(r));
            }
        });
        setRunControls(false, checkout == null);
        probeCheckout();
        runAll.setOnAction(e -> runAll());
        runSection.setOnAction(e -> {
            SectionState s = tree.selectedSection();
            if (s != null) {
                vm.runSection(s.id());
            }
        });
        runItem.setOnAction(e -> {
            if (tree.selectedItem() != null) {
                vm.runItem(tree.selectedItem().id());
            }
        });
        stop.setOnAction(e -> vm.stop());
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> detail.show(tree.selectedItem()));
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
        background.execute(() -> {
            dev.greenlight.runners.local.GitRepo repo = new dev.greenlight.runners.local.GitRepo(checkout);
            try {
                if (repo.problem() != null) {
                    return;
                }
                String sha = repo.head().orElse(null);
                StringBuilder lines = new StringBuilder();
                repo.changes().forEach((p, st) -> lines.append(st).append(' ').append(p).append('\n'));
                boolean dirty = dev.greenlight.engine.WorkingTree.parse(lines.toString()).dirty();
                FxBridge.run(() -> {
                    if (vm == model) {
                        model.setCheckout(sha, dirty);
                    }
                });
            } catch (dev.greenlight.runners.local.GitRepo.GitUnavailableException e) {
                // no git: sign-offs are judged by the last run's facts
            }
        });
    }

    /** "Run finished: 2 FAIL, 1 ERROR." — what needs a look first; SKIP too, since skipped means not checked. */
    static String runFinished(dev.greenlight.engine.RunReport r) {
        var counts = dev.greenlight.ui.checklist.StatusCounts.of(r.results().stream().map(dev.greenlight.engine.ItemResult::status).toList());
        List<String> bad = new java.util.ArrayList<>();
        for (Status s : List.of(Status.FAIL, Status.ERROR, Status.WARN)) {
            if (counts.count(s) > 0) {
                bad.add(counts.count(s) + " " + s.name());
            }
        }
        if (bad.isEmpty()) {
            bad.add(counts.count(Status.PASS) + " PASS");
        }
        if (counts.count(Status.SKIP) > 0) {
            bad.add(counts.count(Status.SKIP) + " SKIP (not checked)");
        }
        return (r.cancelled() ? "Run stopped" : "Run finished") + ": " + String.join(", ", bad) + ".";
    }

    private void showProblems(String ref, List<Problem> problems) {
        Label head = new Label("The checklist " + ref + " could not be loaded: " + problems.size()
                + (problems.size() == 1 ? " problem." : " problems.") + " Fix the file and open it again.");
        head.setWrapText(true);
        head.getStyleClass().add("problems-head");
        ListView<Problem> list = new ListView<>();
        list.setId("load-problems");
        list.getItems().setAll(problems);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.format());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        VBox box = new VBox(8, head, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(12));
        left.getChildren().setAll(box);
        right.getChildren().setAll(placeholder("Open another checklist with the Checklist menu above."));
        statusBar.message("No checklist loaded.");
    }

    private ChecklistRun startRun(java.util.Set<String> only, boolean allowRisky, dev.greenlight.engine.RunListener listener) {
        Checklist c = vm.checklist();
        Path checkout = context.checkoutProperty().get();
        if (checkout == null) {
            throw new IllegalStateException("choose a checkout folder first");
        }
        RunOptions options = RunOptions.defaults(checkout).withOverrides(context.overrides()).withOnly(only)
                .withAllowInvoke(allowRisky).withAllowCommands(allowRisky).withBackground(true);
        return Greenlight.prepare(config.runners(), c, options, context.awsSettings(), listener);
    }

    private void contextChanged() {
        if (loadingContext) {
            return;
        }
        if (vm != null) {
            vm.setContext(context.facts());
        }
        Checklist c = context.checklistProperty().get();
        if (c != null) {
            settings = settings.withVariables(c.id(), context.overrides());
        }
        AwsSettings aws = context.awsSettings();
        settings = settings.withAws(aws.profile(), aws.region(), aws.endpointUrl());
        saveSettings();
        refreshVariables();
        if (detail != null && detail.shown() != null) {
            ItemState s = detail.shown();
            detail.show(null);
            detail.show(s);
        }
    }

    /** The variables troubleshooting commands and log groups are resolved with. */
    private void refreshVariables() {
        Checklist c = context.checklistProperty().get();
        Path checkout = context.checkoutProperty().get();
        if (c == null || checkout == null) {
            closeServices();
            variables = null;
            return;
        }
        RunOptions options = RunOptions.defaults(checkout).withOverrides(context.overrides());
        closeServices();
        services = new Services();
        variables = AwsSupport.install(services, Greenlight.variables(c, options), context.awsSettings());
    }

    /** The AWS session behind the display variables (created only if a command needed ${aws.…}). */
    private void closeServices() {
        Services s = services;
        services = null;
        if (s != null && !background.isShutdown()) {
            background.execute(s::close);
        }
    }

    private void saveSettings() {
        AppSettings s = settings;
        if (background.isShutdown()) {
            return;
        }
        background.execute(() -> {
            try {
                s.save(AppDirs.config());
            } catch (IOException e) {
                FxBridge.run(() -> statusBar.message("Could not save settings: " + e.getMessage()));
            }
        });
    }

    private DetailContext detailContext() {
        return new DetailContext() {
            @Override
            public Path checkout() {
                return context.checkoutProperty().get();
            }

            @Override
            public Variables variables() {
                return variables;
            }

            @Override
            public java.util.concurrent.Executor background() {
                return background;
            }

            @Override
            public java.util.concurrent.Executor fx() {
                return FxBridge.FX;
            }

            public java.util.concurrent.Executor fxNextTurn() {
                return FxBridge.NEXT_TURN;
            }

            @Override
            public void openFile(String rel, int line) {
                Path file = context.checkoutProperty().get().resolve(rel);
                EditorLauncher launcher = new EditorLauncher(settings.editorCommand(), System.getenv());
                background.execute(() -> {
                    try {
                        launcher.open(file, line);
                    } catch (IOException | RuntimeException e) {
                        dialogs.failure("Could not open " + rel + " in an editor: " + e.getMessage(), e);
                    }
                });
            }

            @Override
            public void openUrl(String url) {
                showDocument.accept(url);
            }

            @Override
            public boolean confirm(String title, String message) {
                if (config.confirm() != null) {
                    return config.confirm().confirm(title, message);
                }
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
                a.setTitle("Greenlight");
                a.setHeaderText(title);
                a.initOwner(stage);
                return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
            }

            @Override
            public LogTailFactory logTails() {
                return config.logTails().apply(context.awsSettings());
            }

            @Override
            public String logGroup(dev.greenlight.model.LogSource src) throws Exception {
                Variables v = variables;
                if (v == null) {
                    throw new IllegalStateException("choose a checkout first");
                }
                if (src.group() != null) {
                    return v.interpolate(src.group());
                }
                if (config.logTails() instanceof AwsTails tails && v.defines("stack")) {
                    LogTailFactory f = tails.apply(context.awsSettings());
                    return ((dev.greenlight.runners.aws.AwsLogTailFactory) f).lambdaGroup(v.resolve("stack"), src.function());
                }
                return v.interpolate("/aws/lambda/${stack." + src.function() + "}");
            }

            @Override
            public String logTailsUnavailable() {
                return config.logTailsUnavailable();
            }

            @Override
            public Instant deployTime() {
                Variables v = variables;
                if (v == null || !v.defines("stack") || !(config.logTails() instanceof AwsTails tails)) {
                    return null;
                }
                return v.tryResolve("stack").map(name -> tails.deployTime(context.awsSettings(), name)).orElse(null);
            }

            @Override
            public String awsAccountLabel() {
                String acct = context.accountProperty().get();
                return acct == null ? "not connected (the AWS CLI will use your default credentials)"
                        : acct + (context.callerArn() == null ? "" : " as " + context.callerArn())
                        + (context.isProduction() ? " — PRODUCTION" : "");
            }

            @Override
            public void tick(String itemId, String note) {
                vm.tick(itemId, note, System.getProperty("user.name"), context.callerArn());
            }

            @Override
            public void untick(String itemId) {
                vm.untick(itemId);
            }

            @Override
            public void setNote(String itemId, String note) {
                vm.setNote(itemId, note);
            }

            @Override
            public String note(String itemId) {
                return vm.note(itemId);
            }

            @Override
            public void notify(String message) {
                MainWindow.this.notify(message);
            }

            @Override
            public void runItem(String itemId) {
                vm.runItem(itemId);
            }

            @Override
            public void runItemAllowing(String itemId) {
                vm.runItemAllowing(itemId);
            }

            @Override
            public dev.greenlight.engine.Runner.Access access(String type) {
                return config.runners().find(type).map(dev.greenlight.engine.Runner::access)
                        .orElse(dev.greenlight.engine.Runner.Access.READ);
            }
        };
    }
}
