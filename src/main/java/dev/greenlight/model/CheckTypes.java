package dev.greenlight.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * What the loader needs to know about runners: the types there are and whether a check's
 * parameters bind, without the loader holding the registry itself.
 */
public interface CheckTypes {

    /** A problem with one check's parameters; {@code field} is a kebab-case key or "" for the whole check. */
    record Issue(String field, String message, String suggestion) {
    }

    Set<String> types();

    /** Binds and validates params (variables already substituted with their defaults). */
    List<Issue> validate(String type, ObjectNode params);
}
