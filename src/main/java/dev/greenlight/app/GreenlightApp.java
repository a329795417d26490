package dev.greenlight.app;

import dev.greenlight.log.AppLog;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.util.concurrent.TimeUnit;

/** The desktop app: one main window on the last (or the bundled) checklist and checkout. */
public final class GreenlightApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppLog.install();
        DialogService dialogs = new DialogService();
        dialogs.installAsDefaultHandler();
        // closing hides the window at once and exits only after the last tick is on disk
        Platform.setImplicitExit(false);
        window = new MainWindow(stage, AppConfig.defaults(), dialogs, url -> getHostServices().showDocument(url));
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.hide();
            window.close().whenComplete((v, x) -> FxBridge.run(Platform::exit));
        });
        window.show();
    }

    @Override
    public void stop() throws Exception {
        if (window != null) {
            // already done when the window was closed; this covers an exit from elsewhere, with no window left to freeze
            window.close().get(10, TimeUnit.SECONDS);
        }
    }
}
