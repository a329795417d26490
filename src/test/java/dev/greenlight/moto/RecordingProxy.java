package dev.greenlight.moto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between the run and moto_server and writes down every request — service (from the SigV4
 * scope), operation (Query Action, JSON X-Amz-Target, or Lambda's REST path) — so a test can prove
 * the run only read. Bytes pass through unchanged; moto does not check signatures.
 */
final class RecordingProxy implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "expect", "transfer-encoding");

    record Call(String service, String operation) {
    }

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    RecordingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "moto-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            calls.add(describe(ex, body));
            String query = ex.getRequestURI().getRawQuery();
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI().getRawPath()
                            + (query == null ? "" : "?" + query)))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase())) {
                    vs.forEach(v -> req.header(k, v));
                }
            });
            HttpResponse<byte[]> resp;
            try {
                resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            }
            resp.headers().map().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
                    vs.forEach(v -> ex.getResponseHeaders().add(k, v));
                }
            });
            byte[] out = resp.body();
            ex.sendResponseHeaders(resp.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    private static Call describe(HttpExchange ex, byte[] body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Matcher m = SCOPE.matcher(auth == null ? "" : auth);
        String service = m.find() ? m.group(1) : "?";
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.contains(".")) {
            return new Call(service, target.substring(target.lastIndexOf('.') + 1));
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.startsWith("Action=")) {
                return new Call(service, URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8));
            }
        }
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.endsWith("/invocations")) {
            return new Call(service, "Invoke");
        }
        if (path.startsWith("/2015-03-31/functions") && method.equals("GET")) {
            return new Call(service, path.endsWith("/configuration") ? "GetFunctionConfiguration"
                    : path.matches("/2015-03-31/functions/?") ? "ListFunctions" : "GetFunction");
        }
        return new Call(service, method + " " + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
