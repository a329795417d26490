package dev.greenlight.awsfake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * One request as the fake endpoint saw it.
 *
 * @param service   the SigV4 signing name from the Authorization header (cloudformation, sts,
 *                  states, logs, ecr, lambda)
 * @param operation the API operation (Query "Action", JSON "X-Amz-Target" suffix, or what a
 *                  REST service handler derived from method and path; "?" until then)
 * @param form      Query protocol parameters (empty for other protocols)
 */
public record FakeRequest(String service, String operation, String method, String path, String rawQuery,
                          Map<String, String> headers, String body, Map<String, String> form) {
    static final JsonMapper JSON = new JsonMapper();

    public JsonNode json() {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("request body is not JSON: " + e.getMessage(), e);
        }
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    public FakeRequest withOperation(String op) {
        return new FakeRequest(service, op, method, path, rawQuery, headers, body, form);
    }
}
