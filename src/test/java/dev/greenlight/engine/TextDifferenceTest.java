package dev.greenlight.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextDifferenceTest {
    private static final String QUOTED = "Analemma OS v3.0 - Smart StateBag Orchestrator with Standardized Interfaces";

    @Test
    void saysSoWhenTheValueIsExactlyTheQuotedText() {
        assertThat(TextDifference.note(QUOTED, QUOTED)).isEqualTo("It is exactly the text the document quotes: \"" + QUOTED + "\".");
    }

    @Test
    void pointsAtTheFirstDifferenceWithContext() {
        String note = TextDifference.note(QUOTED, "Analemma OS v3.0 - Smart StateBag Orchestrator (Standardized Interfaces)");

        assertThat(note).contains("after \"…ag Orchestrator \" (character 48)")
                .contains("the document has \"with Standardized Interfaces\" where this has \"(Standardized Interfaces)\"");
    }

    @Test
    void namesWhatIsMissingOrAdded() {
        assertThat(TextDifference.note(QUOTED, "Analemma OS v3.0 - Smart StateBag Orchestrator"))
                .contains("the document has \" with Standardized Interfaces\" where this has nothing");
        assertThat(TextDifference.note("v3.0", "v3.0.1")).contains("the document has nothing where this has \".1\"");
    }
}
