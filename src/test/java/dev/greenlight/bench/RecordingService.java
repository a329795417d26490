package dev.greenlight.bench;

import dev.greenlight.awsfake.FakeRequest;
import dev.greenlight.awsfake.FakeResponse;
import dev.greenlight.awsfake.FakeService;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a fake service and records each call with a key naming what it asked for (operation,
 * resource path, parameters), so "each distinct resource described once" can be counted: two
 * calls with the same key asked the same thing twice.
 */
final class RecordingService implements FakeService {
    record Call(String key, String operation, long atNanos) {
    }

    private final FakeService inner;
    private final List<Call> calls;

    RecordingService(FakeService inner, List<Call> calls) {
        this.inner = inner;
        this.calls = calls;
    }

    static List<Call> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public String signingName() {
        return inner.signingName();
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        calls.add(new Call(key(r), r.service() + ":" + operation(r), System.nanoTime()));
        return inner.handle(r);
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return inner.error(status, code, message);
    }

    /** REST-JSON services (Lambda) carry the operation in method and path, not in a header. */
    private static String operation(FakeRequest r) {
        if (!r.operation().equals("?") || r.path() == null) {
            return r.operation();
        }
        if (r.path().endsWith("/invocations")) {
            return "Invoke";
        }
        if (r.method().equals("GET") && r.path().matches("/[^/]+/functions/[^/]+/?")) {
            return "GetFunction";
        }
        return r.method() + " " + r.path();
    }

    private static String key(FakeRequest r) {
        StringBuilder k = new StringBuilder(r.service()).append(':').append(r.operation());
        if (r.path() != null && !r.path().equals("/")) {
            k.append(' ').append(r.path());
        }
        if (r.rawQuery() != null) {
            k.append('?').append(r.rawQuery());
        }
        Map<String, String> form = new TreeMap<>(r.form());
        form.remove("Action");
        form.remove("Version");
        if (!form.isEmpty()) {
            k.append(' ').append(form);
        }
        if (r.form().isEmpty() && r.body() != null && !r.body().isBlank()) {
            k.append(' ').append(r.body().strip());
        }
        return k.toString();
    }
}
