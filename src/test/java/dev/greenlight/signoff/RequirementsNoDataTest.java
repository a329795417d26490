package dev.greenlight.signoff;

import dev.greenlight.engine.Status;
import dev.greenlight.model.CheckSpec;
import dev.greenlight.model.Item;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A requirement whose only verdict is NO DATA has a status (it is not "still checking"). */
class RequirementsNoDataTest {
    private static Item item(String id, String group) {
        return new Item(id, "s", id, null, null, true, List.of(), null, List.of(), List.of(), List.of(), group);
    }

    @Test
    void anItemWithNoDataIsWaitingNotUnknown() {
        Item logs = item("logs", null);
        var req = Requirements.of(List.of(logs)).get(0);
        assertThat(req.status(i -> Status.NO_DATA)).isEqualTo(Status.NO_DATA);
    }

    @Test
    void aNoDataCannotBeSignedOffAndSaysHowToGetData() {
        Item logs = new Item("logs", "s", "logs", null, new CheckSpec("logs-pattern", null, null, null), false, List.of(), null,
                List.of(), List.of(), List.of());
        assertThat(SignOffPolicy.refusal(logs, Status.NO_DATA, "I looked at the console"))
                .startsWith("A NO DATA cannot be signed off").contains("run the item again");
    }

    @Test
    void aGroupMemberThatHoldsMeetsTheGroupOverAnotherWithNoData() {
        Item a = item("a", "g");
        Item b = item("b", "g");
        Map<String, Status> s = Map.of("a", Status.NO_DATA, "b", Status.PASS);
        assertThat(Requirements.of(List.of(a, b)).get(0).status(i -> s.get(i.id()))).isEqualTo(Status.PASS);
    }
}
