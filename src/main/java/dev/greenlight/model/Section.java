package dev.greenlight.model;

import java.util.List;

/** A titled group of items, as the source document groups them. */
public record Section(String id, String title, String description, List<Item> items) {
    public Section {
        items = List.copyOf(items);
    }
}
