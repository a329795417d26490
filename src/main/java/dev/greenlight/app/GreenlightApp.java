package dev.greenlight.app;

import dev.greenlight.log.AppLog;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop app: one main window on the last (or the bundled) checklist and checkout. */
public final class GreenlightApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppLog.install();
        DialogService dialogs = new DialogService();
        dialogs.installAsDefaultHandler();
        window = new MainWindow(stage, AppConfig.defaults(), dialogs, url -> getHostServices().showDocument(url));
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
