package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda over REST-JSON: GetFunction ({@code GET /2015-03-31/functions/{name}}),
 * GetFunctionConfiguration ({@code .../configuration}), ListFunctions ({@code GET /2015-03-31/functions/})
 * and Invoke ({@code POST .../invocations}; with {@code X-Amz-Log-Type: Tail} the log comes back
 * base64 in {@code X-Amz-Log-Result}, a handler error in {@code X-Amz-Function-Error}). Unknown
 * functions answer 404 ResourceNotFoundException. Calls are logged by operation name.
 */
public final class FakeLambda implements FakeService, FakeAws.RestOperations {
    private static final Pattern FUNCTION = Pattern.compile("^/2015-03-31/functions/([^/]+)(/configuration|/invocations)?/?$");

    /** What one invocation answers. */
    public record Invocation(String payload, String functionError, String log) {
    }

    /** A function; mutable so scenarios can change it. */
    public static final class Function {
        public final String name;
        public final String arn;
        public String imageUri;
        public String packageType = "Image";
        public String state = "Active";
        public String lastUpdateStatus = "Successful";
        public String lastModified = "2024-05-02T10:15:30.000+0000";
        public List<String> command = List.of();
        /** The digest Lambda resolved the image tag to at deploy time ({@code Code.ResolvedImageUri}); null: a fixed one. */
        public String resolvedDigest;
        /** {@code LoggingConfig}: "Text" or "JSON", and the group (null: Lambda's default {@code /aws/lambda/<name>}). */
        public String logFormat = "Text";
        public String logGroup;
        /** Aliases and versions ({@code ?Qualifier=}): each a configuration of its own. */
        public final Map<String, Function> qualified = new LinkedHashMap<>();
        public final Map<String, String> environment = new LinkedHashMap<>();
        public java.util.function.Function<String, Invocation> handler =
                payload -> new Invocation("{\"statusCode\":200}", null, "START\nEND\n");

        public Function(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    private final Map<String, Function> functions = new ConcurrentHashMap<>();

    public FakeLambda put(Function f) {
        functions.put(f.name, f);
        return this;
    }

    public Function function(String nameOrArn) {
        Function f = functions.get(nameOrArn);
        if (f == null) {
            f = functions.values().stream().filter(x -> x.arn.equals(nameOrArn)
                    || nameOrArn.startsWith(x.arn + ":") || nameOrArn.endsWith(":function:" + x.name)).findFirst().orElse(null);
        }
        return f;
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public String operationOf(FakeRequest r) {
        if (r.path().matches("^/2015-03-31/functions/?$")) {
            return "ListFunctions";
        }
        Matcher m = FUNCTION.matcher(r.path());
        if (!m.matches()) {
            return "?";
        }
        if ("/invocations".equals(m.group(2))) {
            return "Invoke";
        }
        return "/configuration".equals(m.group(2)) ? "GetFunctionConfiguration" : "GetFunction";
    }

    @Override
    public FakeResponse handle(FakeRequest r) {
        String op = operationOf(r);
        FakeResponse response = answer(op, r);
        return response.header("x-fake-operation", op);
    }

    private FakeResponse answer(String op, FakeRequest r) {
        if (op.equals("ListFunctions")) {
            ObjectNode out = FakeRequest.JSON.createObjectNode();
            ArrayNode list = out.putArray("Functions");
            functions.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).forEach(f -> list.add(configuration(f)));
            return FakeResponse.restJson(200, out);
        }
        if (op.equals("?")) {
            return FakeResponse.restError(404, "UnknownOperationException", "Unknown operation " + r.method() + " " + r.path());
        }
        Matcher m = FUNCTION.matcher(r.path());
        m.matches();
        String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        Function f = function(name);
        String qualifier = query(r, "Qualifier");
        if (f != null && qualifier != null && !qualifier.equals("$LATEST")) {
            Function q = f.qualified.get(qualifier);
            if (q == null) {
                return FakeResponse.restError(404, "ResourceNotFoundException", "Function not found: " + f.arn + ":" + qualifier);
            }
            f = q;
        }
        if (f == null) {
            String arn = name.startsWith("arn:") ? name : "arn:aws:lambda:us-east-1:123456789012:function:" + name;
            return FakeResponse.restError(404, "ResourceNotFoundException", "Function not found: " + arn);
        }
        switch (op) {
            case "GetFunctionConfiguration":
                return FakeResponse.restJson(200, configuration(f));
            case "GetFunction": {
                ObjectNode out = FakeRequest.JSON.createObjectNode();
                out.set("Configuration", configuration(f));
                ObjectNode code = out.putObject("Code");
                if ("Image".equals(f.packageType)) {
                    code.put("RepositoryType", "ECR");
                    code.put("ImageUri", f.imageUri);
                    code.put("ResolvedImageUri", f.imageUri.replaceAll(":[^:/]+$", "") + "@"
                            + (f.resolvedDigest != null ? f.resolvedDigest : "sha256:" + "ab".repeat(32)));
                } else {
                    code.put("RepositoryType", "S3");
                    code.put("Location", "https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/x");
                }
                out.putObject("Tags").put("aws:cloudformation:stack-name", "backend-workflow-dev");
                return FakeResponse.restJson(200, out);
            }
            case "Invoke": {
                Invocation inv = f.handler.apply(r.body());
                FakeResponse resp = FakeResponse.of(200, "application/json", inv.payload())
                        .header("X-Amz-Executed-Version", "$LATEST");
                if ("Tail".equalsIgnoreCase(r.header("X-Amz-Log-Type")) && inv.log() != null) {
                    resp = resp.header("X-Amz-Log-Result", Base64.getEncoder().encodeToString(inv.log().getBytes(StandardCharsets.UTF_8)));
                }
                if (inv.functionError() != null) {
                    resp = resp.header("X-Amz-Function-Error", inv.functionError());
                }
                return resp;
            }
            default:
                return FakeResponse.restError(404, "UnknownOperationException", "Unknown operation " + op);
        }
    }

    private static ObjectNode configuration(Function f) {
        ObjectNode c = FakeRequest.JSON.createObjectNode();
        c.put("FunctionName", f.name);
        c.put("FunctionArn", f.arn);
        c.put("Role", "arn:aws:iam::123456789012:role/" + f.name + "-Role");
        c.put("CodeSize", 0);
        c.put("Description", "");
        c.put("Timeout", 900);
        c.put("MemorySize", 1024);
        c.put("LastModified", f.lastModified);
        c.put("CodeSha256", "ab".repeat(32));
        c.put("Version", "$LATEST");
        if (!f.environment.isEmpty()) {
            ObjectNode vars = c.putObject("Environment").putObject("Variables");
            f.environment.forEach(vars::put);
        }
        c.put("PackageType", f.packageType);
        c.put("State", f.state);
        c.put("LastUpdateStatus", f.lastUpdateStatus);
        c.putArray("Architectures").add("arm64");
        ObjectNode logging = c.putObject("LoggingConfig");
        logging.put("LogFormat", f.logFormat);
        logging.put("LogGroup", f.logGroup != null ? f.logGroup : "/aws/lambda/" + f.name);
        if ("JSON".equals(f.logFormat)) {
            logging.put("ApplicationLogLevel", "INFO").put("SystemLogLevel", "INFO");
        }
        if (!f.command.isEmpty()) {
            ArrayNode cmd = c.putObject("ImageConfigResponse").putObject("ImageConfig").putArray("Command");
            f.command.forEach(cmd::add);
        }
        return c;
    }

    private static String query(FakeRequest r, String name) {
        if (r.rawQuery() == null) {
            return null;
        }
        for (String pair : r.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public FakeResponse error(int status, String code, String message) {
        return FakeResponse.restError(status, code, message);
    }
}
