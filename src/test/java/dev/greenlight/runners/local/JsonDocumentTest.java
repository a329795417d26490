package dev.greenlight.runners.local;

import dev.greenlight.engine.WorkspaceException;
import dev.greenlight.yaml.Location;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonDocumentTest {

    /** A Map state whose ResultSelector was pasted twice while resolving a merge conflict. */
    static final String REPEATED = """
            {
              "Comment": "batch v3.1",
              "StartAt": "Fan",
              "States": {
                "Fan": {
                  "Type": "Map",
                  "ItemProcessor": {
                    "StartAt": "Work",
                    "States": {
                      "Work": {"Type": "Task", "Resource": "${WorkerArn}", "End": true}
                    }
                  },
                  "ResultSelector": {"count.$": "States.ArrayLength($)"},
                  "ResultPath": "$.fan",
                  "ResultSelector": {"total.$": "States.ArrayLength($)"},
                  "End": true
                }
              }
            }
            """;

    @Test
    void keepsTheLastValueOfARepeatedMemberAtItsOwnLineAsPythonDoes() throws Exception {
        JsonDocument doc = JsonDocument.parse(LocalFixture.source("sm.json", REPEATED));

        assertThat(doc.root().at("/States/Fan/ResultSelector").has("total.$")).isTrue();
        assertThat(doc.root().at("/States/Fan/ResultSelector").has("count.$")).isFalse();
        assertThat(doc.tree().locate("/States/Fan/ResultSelector")).contains(new Location(15, 7));
        // the dropped value's members leave no stale locations behind
        assertThat(doc.tree().locate("/States/Fan/ResultSelector/count.$")).isEmpty();
        assertThat(doc.tree().locate("/States/Fan/ResultSelector/total.$")).isPresent();
        // Python's dict keeps the first position: the member order is unchanged
        assertThat(doc.root().at("/States/Fan").fieldNames()).toIterable()
                .containsExactly("Type", "ItemProcessor", "ResultSelector", "ResultPath", "End");
    }

    @Test
    void namesEveryOccurrenceAndTheStateItIsIn() throws Exception {
        JsonDocument doc = JsonDocument.parse(LocalFixture.source("sm.json", REPEATED));

        assertThat(doc.duplicates()).singleElement().satisfies(d -> {
            assertThat(d.at()).extracting(Location::line).containsExactly(13, 15);
            assertThat(d.describe()).isEqualTo("\"ResultSelector\" appears twice in state Fan: lines 13 and 15;"
                    + " SAM and Python keep the last (the values differ: the one at line 15 is deployed)");
        });
    }

    @Test
    void saysWhenTheRepeatedValuesAreTheSame() throws Exception {
        String same = REPEATED.replace("\"total.$\"", "\"count.$\"");

        JsonDocument doc = JsonDocument.parse(LocalFixture.source("sm.json", same));

        assertThat(doc.duplicates()).singleElement()
                .satisfies(d -> assertThat(d.describe()).endsWith("SAM and Python keep the last (all are the same value)"));
    }

    @Test
    void aRepeatInANestedStateNamesThatState() throws Exception {
        String nested = REPEATED.replace("\"Resource\": \"${WorkerArn}\", \"End\": true}",
                "\"Resource\": \"${WorkerArn}\",\n \"End\": true, \"End\": true}");

        JsonDocument doc = JsonDocument.parse(LocalFixture.source("sm.json", nested));

        assertThat(doc.duplicates()).filteredOn(d -> d.name().equals("End")).singleElement().satisfies(d -> assertThat(d.describe())
                .startsWith("\"End\" appears twice in state Work: lines 11:2 and 11:15;"));
    }

    @Test
    void textThatIsNotJsonIsStillASyntaxErrorWithLineAndColumn() {
        String broken = REPEATED.replace("\"ResultPath\": \"$.fan\",", "\"ResultPath\": \"$.fan\"");

        assertThatThrownBy(() -> JsonDocument.parse(LocalFixture.source("sm.json", broken)))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.SYNTAX);
                    assertThat(e.location()).isEqualTo(new Location(15, 7));
                    assertThat(e.getMessage()).startsWith("sm.json:15:7: not valid JSON: ");
                });
    }

    @Test
    void trailingTextAndCommentsAreNotJson() {
        assertThatThrownBy(() -> JsonDocument.parse(LocalFixture.source("a.json", "{}\n{}\n")))
                .hasMessageStartingWith("a.json:2:1: not valid JSON");
        assertThatThrownBy(() -> JsonDocument.parse(LocalFixture.source("a.json", "{\n // x\n \"a\": 1}\n")))
                .hasMessageStartingWith("a.json:2:");
    }
}
