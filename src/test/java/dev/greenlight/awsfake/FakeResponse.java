package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A response in one of the AWS wire protocols, including their error shapes. */
public record FakeResponse(int status, Map<String, String> headers, byte[] body) {

    public static FakeResponse of(int status, String contentType, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return new FakeResponse(status, h, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public FakeResponse header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new FakeResponse(status, h, body);
    }

    // ---- Query protocol (CloudFormation, STS): XML ----

    /** {@code <ActionResponse><ActionResult>inner</ActionResult><ResponseMetadata/></ActionResponse>}. */
    public static FakeResponse queryOk(String action, String xmlns, String innerXml) {
        String xml = "<" + action + "Response xmlns=\"" + xmlns + "\"><" + action + "Result>" + innerXml
                + "</" + action + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>";
        return of(200, "text/xml", xml);
    }

    public static FakeResponse queryError(int status, String code, String message) {
        String type = status >= 500 ? "Receiver" : "Sender";
        String xml = "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>" + type
                + "</Type><Code>" + xml(code) + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>"
                + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        return of(status, "text/xml", xml);
    }

    // ---- JSON 1.0 / 1.1 (Step Functions, CloudWatch Logs, ECR) ----

    public static FakeResponse json(JsonNode body, String contentType) {
        return of(200, contentType, body.toString());
    }

    public static FakeResponse jsonError(int status, String contentType, String code, String message) {
        String body = "{\"__type\":\"" + code + "\",\"message\":" + FakeRequest.JSON.getNodeFactory().textNode(message) + "}";
        return of(status, contentType, body).header("x-amzn-ErrorType", code);
    }

    // ---- REST-JSON (Lambda) ----

    public static FakeResponse restJson(int status, JsonNode body) {
        return of(status, "application/json", body == null ? "" : body.toString());
    }

    public static FakeResponse restError(int status, String code, String message) {
        String body = "{\"Type\":\"User\",\"message\":" + FakeRequest.JSON.getNodeFactory().textNode(message) + "}";
        return of(status, "application/json", body).header("x-amzn-ErrorType", code);
    }

    public static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
