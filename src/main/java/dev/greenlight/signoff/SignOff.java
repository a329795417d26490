package dev.greenlight.signoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A person's sign-off of one item: who confirmed it, when, and what they wrote.
 *
 * @param who          the operating-system user who signed (what the machine knows, not a claim)
 * @param awsCallerArn the AWS identity in use at the time (sts:GetCallerIdentity), or null
 * @param note         what the person checked; never null (new sign-offs need a non-empty one)
 * @param basis        what it was made over (verdict, checkout, variables, AWS target, checklist);
 *                     null for sign-offs written before it was recorded, which are therefore stale
 */
public record SignOff(String itemId, String who, String awsCallerArn, Instant at, String note, SignOffBasis basis) {

    public SignOff(String itemId, String who, String awsCallerArn, Instant at, String note) {
        this(itemId, who, awsCallerArn, at, note, null);
    }

    public SignOff {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(at, "at");
        note = note == null ? "" : note;
    }

    /** A sign-off by the current OS user, now. */
    public static SignOff now(String itemId, String awsCallerArn, String note, SignOffBasis basis) {
        return new SignOff(itemId, System.getProperty("user.name", "unknown"), awsCallerArn, Instant.now(), note, basis);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("itemId", itemId);
        o.put("who", who);
        o.put("awsCallerArn", awsCallerArn);
        o.put("at", at.toString());
        o.put("note", note);
        if (basis != null) {
            o.set("basis", basis.toJson());
        }
        return o;
    }

    /** @throws IllegalArgumentException when a required field is missing or the time is malformed */
    public static SignOff fromJson(JsonNode o) {
        if (!o.hasNonNull("itemId") || !o.hasNonNull("who") || !o.hasNonNull("at")) {
            throw new IllegalArgumentException("a sign-off needs itemId, who and at");
        }
        try {
            return new SignOff(o.get("itemId").asText(), o.get("who").asText(),
                    o.hasNonNull("awsCallerArn") ? o.get("awsCallerArn").asText() : null,
                    Instant.parse(o.get("at").asText()), o.path("note").asText(""), SignOffBasis.fromJson(o.get("basis")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sign-off time '" + o.get("at").asText() + "' is not an ISO-8601 instant");
        }
    }
}
