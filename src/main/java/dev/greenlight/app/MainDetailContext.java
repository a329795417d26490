package dev.greenlight.app;

import dev.greenlight.engine.Runner;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.logs.LogTailFactory;
import dev.greenlight.model.LogSource;
import dev.greenlight.store.AppSettings;
import dev.greenlight.ui.checklist.ChecklistViewModel;
import dev.greenlight.ui.context.ContextViewModel;
import dev.greenlight.ui.detail.DetailContext;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.greenlight.store.Promotions;
import dev.greenlight.store.RunHistory;

/**
 * What an item's detail pane may use of the window: the checkout and variables the context bar
 * sets, the editor, confirmations, log tails, sign-offs on the current checklist. Questions about
 * the deployed stack go through {@link StackLookups}, so nothing here knows an AWS class.
 */
final class MainDetailContext implements DetailContext {
    private final ContextViewModel context;
    private final AppConfig config;
    private final Executor background;
    private final Supplier<Variables> variables;
    private final Supplier<AppSettings> settings;
    private final Supplier<ChecklistViewModel> vm;
    private final Supplier<Window> owner;
    private final Consumer<String> showDocument;
    private final Consumer<String> notify;
    private final DialogService dialogs;

    MainDetailContext(ContextViewModel context, AppConfig config, Executor background, Supplier<Variables> variables,
                      Supplier<AppSettings> settings, Supplier<ChecklistViewModel> vm, Supplier<Window> owner,
                      Consumer<String> showDocument, Consumer<String> notify, DialogService dialogs) {
        this.context = context;
        this.config = config;
        this.background = background;
        this.variables = variables;
        this.settings = settings;
        this.vm = vm;
        this.owner = owner;
        this.showDocument = showDocument;
        this.notify = notify;
        this.dialogs = dialogs;
    }

    @Override
    public Path checkout() {
        return context.checkoutProperty().get();
    }

    @Override
    public Variables variables() {
        return variables.get();
    }

    @Override
    public Executor background() {
        return background;
    }

    @Override
    public Executor fx() {
        return FxBridge.FX;
    }

    @Override
    public Executor fxNextTurn() {
        return FxBridge.NEXT_TURN;
    }

    @Override
    public void openFile(String rel, int line) {
        Path file = checkout().resolve(rel);
        EditorLauncher launcher = new EditorLauncher(settings.get().editorCommand(), System.getenv());
        BackgroundTask.run(() -> {
                    try {
                        launcher.open(file, line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .onFailure(e -> dialogs.failure(EditorLauncher.failure(rel, e), e))
                .executeWith(background);
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
        a.initOwner(owner.get());
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    @Override
    public LogTailFactory logTails() {
        return config.logTails().apply(context.awsSettings());
    }

    @Override
    public String logGroup(LogSource src) throws Exception {
        Variables v = variables.get();
        if (v == null) {
            throw new IllegalStateException("choose a checkout first");
        }
        if (src.group() != null) {
            return v.interpolate(src.group());
        }
        if (config.logTails() instanceof StackLookups stack && v.defines("stack")) {
            return stack.lambdaGroup(context.awsSettings(), v.resolve("stack"), src.function());
        }
        return v.interpolate("/aws/lambda/${stack." + src.function() + "}");
    }

    @Override
    public String logTailsUnavailable() {
        return config.logTailsUnavailable();
    }

    @Override
    public Instant deployTime() {
        Variables v = variables.get();
        if (v == null || !v.defines("stack") || !(config.logTails() instanceof StackLookups stack)) {
            return null;
        }
        return v.tryResolve("stack").map(name -> stack.deployTime(context.awsSettings(), name)).orElse(null);
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
        vm.get().tick(itemId, note, System.getProperty("user.name"), context.callerArn());
    }

    @Override
    public void untick(String itemId) {
        vm.get().untick(itemId);
    }

    @Override
    public void setNote(String itemId, String note) {
        vm.get().setNote(itemId, note);
    }

    @Override
    public String note(String itemId) {
        return vm.get().note(itemId);
    }

    @Override
    public void notify(String message) {
        notify.accept(message);
    }

    @Override
    public void runItem(String itemId) {
        vm.get().runItem(itemId);
    }

    @Override
    public String watchHint(String itemId) {
        ChecklistViewModel m = vm.get();
        return m == null ? null : Promotions.hint(RunHistory.atDefaultLocation(), m.checklist().id(), itemId);
    }

    @Override
    public void runItemAllowing(String itemId) {
        vm.get().runItemAllowing(itemId);
    }

    @Override
    public Runner.Access access(String type) {
        return config.runners().find(type).map(Runner::access).orElse(Runner.Access.READ);
    }
}
