package dev.greenlight.signoff;

import dev.greenlight.engine.Status;
import dev.greenlight.model.Item;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a release needs, which is not always one thing per item: items of a {@code one-of} group
 * (the three ways to trigger a deploy) are one requirement, met when any one of them holds.
 */
public final class Requirements {
    private Requirements() {
    }

    /**
     * One requirement: a single item, or a one-of group.
     *
     * @param id      the item id, or the group id
     * @param members the items, in checklist order
     */
    public record Requirement(String id, List<Item> members) {
        public boolean group() {
            return members.size() > 1 || members.get(0).oneOf() != null;
        }

        /** "trigger-push, trigger-github-ui or trigger-local-sam". */
        public String alternatives() {
            List<String> ids = members.stream().map(Item::id).toList();
            return ids.size() == 1 ? ids.get(0)
                    : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
        }

        /**
         * The requirement's status from its members': a red member makes it red (a failing
         * alternative is still a failure), else any member that holds meets it, else it waits.
         */
        public Status status(Function<Item, Status> statusOf) {
            List<Status> s = members.stream().map(statusOf).toList();
            for (Status red : List.of(Status.ERROR, Status.FAIL)) {
                if (s.contains(red)) {
                    return red;
                }
            }
            for (Status ok : List.of(Status.PASS, Status.DONE, Status.WARN)) {
                if (s.contains(ok)) {
                    return ok;
                }
            }
            for (Status waiting : List.of(Status.NO_DATA, Status.MANUAL, Status.SKIP)) {
                if (s.contains(waiting)) {
                    return waiting;
                }
            }
            return null;
        }

        /** The member that meets a group, or null. */
        public Item metBy(Function<Item, Status> statusOf) {
            return members.stream().filter(i -> holds(statusOf.apply(i))).findFirst().orElse(null);
        }
    }

    public static boolean holds(Status s) {
        return s == Status.PASS || s == Status.WARN || s == Status.DONE;
    }

    /** The requirements of these items, in order; a group stands where its first member does. */
    public static List<Requirement> of(List<Item> items) {
        Map<String, List<Item>> byId = new LinkedHashMap<>();
        for (Item i : items) {
            byId.computeIfAbsent(i.oneOf() == null ? "item:" + i.id() : "group:" + i.oneOf(), k -> new ArrayList<>()).add(i);
        }
        List<Requirement> out = new ArrayList<>();
        byId.forEach((k, members) -> out.add(new Requirement(k.substring(k.indexOf(':') + 1), List.copyOf(members))));
        return out;
    }

    /**
     * Why a member of a group need not be done, or null: "Not needed: trigger-push met the one-of
     * group deploy-trigger." Only for a member that is itself waiting (MANUAL or SKIP).
     */
    public static String notNeeded(Item item, List<Item> all, Function<Item, Status> statusOf) {
        if (item.oneOf() == null) {
            return null;
        }
        Status own = statusOf.apply(item);
        if (own != Status.MANUAL && own != Status.SKIP && own != null) {
            return null;
        }
        for (Requirement r : of(all)) {
            if (r.members().contains(item)) {
                Item by = r.metBy(statusOf);
                return by == null ? null : "Not needed: " + by.id() + " met the one-of group " + item.oneOf() + ".";
            }
        }
        return null;
    }
}
