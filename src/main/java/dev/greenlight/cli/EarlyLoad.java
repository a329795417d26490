package dev.greenlight.cli;

import dev.greenlight.wiring.Greenlight;
import dev.greenlight.model.LoadResult;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads the checklist a CLI call names on a second thread while picocli builds its command model
 * on the first: both are cold code that a fresh JVM interprets, each about a hundred milliseconds,
 * and a laptop or CI runner has a second core (BENCHMARKS.md section 1).
 *
 * <p>For a plain {@code run}, the checks then start on this thread too ({@link EarlyRun}).
 *
 * <p>Only a guess from the raw arguments; {@link ChecklistOption} takes the result only when picocli
 * parsed exactly the same {@code --checklist} value, and otherwise loads as it always did. Loading is
 * a pure function of that value and the file's bytes, so a taken result is the one it would have
 * made itself.
 */
public final class EarlyLoad {
    /** The commands with a {@code --checklist} option (see {@link ChecklistOption}'s users). */
    private static final Set<String> COMMANDS = Set.of("run", "validate", "list", "iam-policy", "diagnose");

    private record Pending(String checklist, FutureTask<LoadResult> load) {
    }

    private static volatile Pending pending;

    private EarlyLoad() {
    }

    /** Starts loading in the background when {@code args} name a command that loads a checklist. */
    public static void start(String[] args) {
        var announced = EarlyRun.expect(args); // settled below, on every path
        String checklist = guess(args);
        if (checklist == null) {
            EarlyRun.startIfPlain(announced, args, null, null); // starts nothing
            return;
        }
        FutureTask<LoadResult> task = new FutureTask<>(() -> Greenlight.loader().load(checklist));
        pending = new Pending(checklist, task);
        Thread t = new Thread(() -> {
            task.run();
            LoadResult loaded = null;
            try {
                loaded = task.get();
            } catch (InterruptedException | ExecutionException e) {
                // the command loads again on its own thread and reports the failure there
            }
            EarlyRun.startIfPlain(announced, args, checklist, loaded);
        }, "greenlight-early-load");
        t.setDaemon(true);
        t.start();
    }

    /** The checklist argument the command will see, or null when the arguments are not plain enough to tell. */
    static String guess(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return null;
        }
        String found = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("@") || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null; // an argument file, or a call that loads nothing
            }
            String value = null;
            if (a.equals("-c") || a.equals("--checklist")) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            } else if (a.startsWith("--checklist=")) {
                value = a.substring("--checklist=".length());
            } else if (a.startsWith("-c=")) {
                value = a.substring(3);
            } else if (a.startsWith("-c") && !a.startsWith("--")) {
                value = a.substring(2);
            }
            if (value != null) {
                if (found != null) {
                    return null; // given twice: picocli says what it makes of that
                }
                found = value;
            }
        }
        return found != null ? found : ChecklistOption.DEFAULT;
    }

    /** The early result for {@code checklist}, if one was started for exactly that argument. */
    static Optional<LoadResult> take(String checklist) {
        Pending p = pending;
        pending = null;
        if (p == null || !p.checklist().equals(checklist)) {
            return Optional.empty();
        }
        try {
            return Optional.of(p.load().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty(); // load again on this thread, where the failure is reported as always
        }
    }
}
