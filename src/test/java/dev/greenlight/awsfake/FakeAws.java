package dev.greenlight.awsfake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local AWS endpoint on 127.0.0.1 for tests: real HTTP, the services' real wire protocols and
 * error shapes, state held by one {@link FakeService} per service. The SDK clients under test are
 * the real ones, pointed here with an endpoint override.
 *
 * <p>The service is taken from the SigV4 credential scope of the Authorization header, exactly as
 * AWS front ends route; the operation from the Query "Action", the JSON "X-Amz-Target", or (for
 * REST services) the handler. Every request is recorded, so tests can prove a run was read-only and
 * count calls. Faults (errors, delays, dropped connections) can be injected per operation.
 */
public final class FakeAws implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    /** A recorded call. */
    public record Call(String service, String operation, String method, String path, int status) {
    }

    /**
     * An injected fault: answer {@code code} with {@code status}, or delay, or drop the connection,
     * or answer 200 with a body that is not what the protocol promises ({@code garbage}). It applies
     * after {@code skip} matching requests went through normally, then {@code remaining} times.
     */
    public record Fault(Predicate<FakeRequest> when, int status, String code, String message, long delayMs,
                        boolean drop, AtomicInteger remaining, String garbage, AtomicInteger skip) {
        public static Fault error(String operation, int status, String code, String message) {
            return of(r -> r.operation().equals(operation), status, code, message, 0, false, null);
        }

        /** The same error for every request, whatever the operation (expired credentials). */
        public static Fault errorOnEveryCall(int status, String code, String message) {
            return of(r -> true, status, code, message, 0, false, null);
        }

        public static Fault delay(Predicate<FakeRequest> when, long ms) {
            return of(when, 0, null, null, ms, false, null);
        }

        public static Fault drop(String operation) {
            return of(r -> r.operation().equals(operation), 0, null, null, 0, true, null);
        }

        /** 200 OK with {@code body} (malformed XML or JSON) instead of the service's answer. */
        public static Fault garbage(String operation, String body) {
            return of(r -> r.operation().equals(operation), 200, null, null, 0, false, body);
        }

        private static Fault of(Predicate<FakeRequest> when, int status, String code, String message, long delayMs,
                                boolean drop, String garbage) {
            return new Fault(when, status, code, message, delayMs, drop, new AtomicInteger(Integer.MAX_VALUE), garbage,
                    new AtomicInteger(0));
        }

        /** The fault applies this many times, then the service answers normally. */
        public Fault times(int n) {
            return new Fault(when, status, code, message, delayMs, drop, new AtomicInteger(n), garbage, skip);
        }

        /** The first {@code n} matching requests are answered normally ("mid-run"). */
        public Fault afterCalls(int n) {
            return new Fault(when, status, code, message, delayMs, drop, remaining, garbage, new AtomicInteger(n));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, FakeService> services = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile long latencyMs;

    public FakeAws() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind 127.0.0.1", e);
        }
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-aws");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public FakeAws register(FakeService service) {
        services.put(service.signingName(), service);
        return this;
    }

    @SuppressWarnings("unchecked")
    public <T extends FakeService> T service(String signingName) {
        return (T) services.get(signingName);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void fault(Fault f) {
        faults.add(f);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Extra latency added to every request (benchmarks of concurrency). */
    public void latency(long ms) {
        this.latencyMs = ms;
    }

    public List<Call> calls() {
        return Collections.unmodifiableList(new ArrayList<>(calls));
    }

    public void clearCalls() {
        calls.clear();
        requests.clear();
    }

    /** Every request as received (body, form, path), with its operation named: what an IAM check needs. */
    public List<FakeRequest> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String auth = headers.getOrDefault("authorization", "");
            Matcher m = SCOPE.matcher(auth);
            String service = m.find() ? m.group(2) : "?";
            Map<String, String> form = new LinkedHashMap<>();
            String contentType = headers.getOrDefault("content-type", "");
            if (contentType.startsWith("application/x-www-form-urlencoded")) {
                for (String pair : body.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    form.put(k, v);
                }
            }
            String operation = form.getOrDefault("Action", "?");
            String target = headers.get("x-amz-target");
            if (target != null && target.contains(".")) {
                operation = target.substring(target.lastIndexOf('.') + 1);
            }
            FakeRequest request = new FakeRequest(service, operation, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), headers, body, form);
            FakeService handler = services.get(service);
            FakeResponse response;
            if (latencyMs > 0) {
                sleep(latencyMs);
            }
            if (handler == null) {
                response = FakeResponse.of(400, "text/plain", "no fake service for '" + service + "'");
            } else {
                Fault fault = findFault(request, handler);
                if (fault != null && fault.drop()) {
                    calls.add(new Call(service, request.operation(), request.method(), request.path(), -1));
                    ex.getResponseBody().close();
                    return;
                }
                if (fault != null && fault.delayMs() > 0) {
                    sleep(fault.delayMs());
                }
                if (fault != null && fault.code() != null) {
                    response = handler.error(fault.status(), fault.code(), fault.message());
                } else if (fault != null && fault.garbage() != null) {
                    String type = headers.getOrDefault("content-type", "");
                    response = FakeResponse.of(200, type.contains("json") ? type : "text/xml", fault.garbage());
                } else {
                    try {
                        response = handler.handle(request);
                    } catch (RuntimeException e) {
                        response = handler.error(500, "InternalFailure", "fake service failed: " + e);
                    }
                }
                String op = response.headers().getOrDefault("x-fake-operation", request.operation());
                if (op.equals("?") && handler instanceof RestOperations rest) {
                    op = rest.operationOf(request);
                }
                calls.add(new Call(service, op, request.method(), request.path(), response.status()));
                requests.add(request.withOperation(op));
            }
            response.headers().forEach((k, v) -> {
                if (!k.equals("x-fake-operation")) {
                    ex.getResponseHeaders().add(k, v);
                }
            });
            ex.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (RuntimeException e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    private Fault findFault(FakeRequest request, FakeService handler) {
        for (Fault f : faults) {
            FakeRequest resolved = request;
            if (request.operation().equals("?") && handler instanceof RestOperations rest) {
                resolved = request.withOperation(rest.operationOf(request));
            }
            if (f.when().test(resolved) && f.skip().getAndDecrement() <= 0 && f.remaining().getAndDecrement() > 0) {
                return f;
            }
        }
        return null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** REST services name the operation of a request from its method and path, for faults and logs. */
    public interface RestOperations {
        String operationOf(FakeRequest request);
    }
}
