package dev.greenlight.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.yaml.Location;

/**
 * The check of an item as written: the runner type and its raw parameters, not yet interpolated.
 * Variables are resolved per run, so the same checklist runs against other stages or checkouts.
 *
 * @param params         the parameters without {@code type}, {@code line-hint} and {@code timeout}
 * @param timeoutSeconds per-item timeout, or null for the run's default
 * @param location       where the check starts in the checklist file
 * @param failAsWarn     {@code fail-as: warn}: the item checks a premise of the verification procedure
 *                       (a file its commands name, a setting the document credits), not the deploy, so
 *                       "evaluated and wrong" is a caveat worth a look (WARN), never a no-go (FAIL)
 * @param onNoData       {@code on-no-data}: "block" (a NO DATA keeps the release from a GO), "warn" (a
 *                       caveat), or null for the runner's default
 */
public record CheckSpec(String type, ObjectNode params, Integer timeoutSeconds, Location location, boolean failAsWarn,
                        String onNoData) {

    public CheckSpec(String type, ObjectNode params, Integer timeoutSeconds, Location location, boolean failAsWarn) {
        this(type, params, timeoutSeconds, location, failAsWarn, null);
    }

    public CheckSpec(String type, ObjectNode params, Integer timeoutSeconds, Location location) {
        this(type, params, timeoutSeconds, location, false, null);
    }
}
