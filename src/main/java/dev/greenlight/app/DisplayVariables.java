package dev.greenlight.app;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.Variables;
import dev.greenlight.model.Checklist;
import dev.greenlight.runners.aws.AwsSettings;
import dev.greenlight.runners.aws.AwsSupport;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The variables troubleshooting commands and log groups are shown with, and the AWS session behind
 * them (made only if a command needs {@code ${aws.…}} or {@code ${stack.…}}). Made again whenever
 * the checklist, the checkout or the context bar changes; the old session is closed off the FX thread.
 */
final class DisplayVariables {
    private final ExecutorService background;
    private volatile Variables variables;
    private Services services;

    DisplayVariables(ExecutorService background) {
        this.background = background;
    }

    Variables get() {
        return variables;
    }

    void refresh(Checklist c, Path checkout, Map<String, String> overrides, AwsSettings aws) {
        closeServices();
        if (c == null || checkout == null) {
            variables = null;
            return;
        }
        services = new Services();
        variables = AwsSupport.install(services, Greenlight.variables(c, RunOptions.defaults(checkout).withOverrides(overrides)), aws);
    }

    /** Hands the session over to be closed by the caller (the window's close). */
    Services take() {
        Services s = services;
        services = null;
        return s;
    }

    private void closeServices() {
        Services s = take();
        if (s != null && !background.isShutdown()) {
            background.execute(s::close);
        }
    }
}
