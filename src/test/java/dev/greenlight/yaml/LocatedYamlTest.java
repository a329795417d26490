package dev.greenlight.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocatedYamlTest {

    private static final String TEMPLATE = """
            Resources:
              # a comment line
              Orchestrator:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: src/v3.json
                  DefinitionSubstitutions:
                    InitArn: !GetAtt InitFunction.Arn
                    Name: !Ref StageName
                    Joined: !Sub "${AWS::StackName}-x"
                    Cond: !If [IsProd, a, b]
            """;

    @Test
    void keepsShortFormTagsAsLongFormIntrinsics() throws Exception {
        JsonNode subs = LocatedYaml.parse(TEMPLATE).root()
                .at("/Resources/Orchestrator/Properties/DefinitionSubstitutions");
        assertThat(subs.at("/InitArn/Fn::GetAtt/0").asText()).isEqualTo("InitFunction");
        assertThat(subs.at("/InitArn/Fn::GetAtt/1").asText()).isEqualTo("Arn");
        assertThat(subs.at("/Name/Ref").asText()).isEqualTo("StageName");
        assertThat(subs.at("/Joined/Fn::Sub").asText()).isEqualTo("${AWS::StackName}-x");
        assertThat(subs.at("/Cond/Fn::If").size()).isEqualTo(3);
    }

    @Test
    void locatesMembersAtTheirKeyLine() throws Exception {
        LocatedTree tree = LocatedYaml.parse(TEMPLATE);
        assertThat(tree.locate("/Resources/Orchestrator").orElseThrow().line()).isEqualTo(3);
        assertThat(tree.locate("/Resources/Orchestrator/Properties/DefinitionUri").orElseThrow().line()).isEqualTo(6);
        assertThat(tree.locate("/Resources/Orchestrator/Properties/DefinitionSubstitutions").orElseThrow().line()).isEqualTo(7);
        assertThat(tree.nearest("/Resources/Orchestrator/Properties/Missing").line()).isEqualTo(5);
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> LocatedYaml.parse("a: 1\nb: [1, 2\nc: 3\n"))
                .isInstanceOfSatisfying(YamlSyntaxException.class, e -> assertThat(e.location()).isNotNull());
    }

    @Test
    void recordsDuplicateKeys() throws Exception {
        assertThat(LocatedYaml.parse("a: 1\na: 2\n").duplicateKeys()).containsExactly("/a");
    }

    @Test
    void refusesNestingBeyondTheLimit() {
        String deep = "[".repeat(LocatedYaml.MAX_DEPTH + 5) + "]".repeat(LocatedYaml.MAX_DEPTH + 5);
        assertThatThrownBy(() -> LocatedYaml.parse(deep)).isInstanceOf(YamlSyntaxException.class);
    }

    @Test
    void resolvesAliasesOfListsAndMappings() throws Exception {
        JsonNode root = LocatedYaml.parse("a: &shared\n  - {t: 1}\n  - {t: 2}\nb: *shared\n").root();
        assertThat(root.get("b")).isEqualTo(root.get("a"));
        assertThat(root.at("/b/1/t").asInt()).isEqualTo(2);
    }

    @Test
    void anAliasWithoutAnchorIsASyntaxErrorWithItsPosition() {
        assertThatThrownBy(() -> LocatedYaml.parse("a: 1\nb: *nothing\n"))
                .isInstanceOfSatisfying(YamlSyntaxException.class, e -> {
                    assertThat(e.problem()).contains("*nothing");
                    assertThat(e.location().line()).isEqualTo(2);
                });
    }

    @Test
    void refusesAliasBombs() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> LocatedYaml.parse(y.toString()))
                .isInstanceOfSatisfying(YamlSyntaxException.class, e -> assertThat(e.problem()).contains("alias bomb"));
    }


    @Test
    void aSyntaxErrorPointsAtTheCharacterThatBrokeItNotTheEndOfTheLineBefore() {
        // a tab indenting line 2: SnakeYAML's context is the end of line 1, its problem the tab
        assertThatThrownBy(() -> LocatedYaml.parse("id: x\n\ttitle: y\n"))
                .isInstanceOfSatisfying(YamlSyntaxException.class, e -> {
                    assertThat(e.problem()).contains("a tab at line 2, column 1");
                    assertThat(e.detail()).contains("TAB");
                    assertThat(e.location()).isEqualTo(new Location(2, 1));
                });
        assertThatThrownBy(() -> LocatedYaml.parse("a: 1\nb: [1, 2\nc: 3\n"))
                .isInstanceOfSatisfying(YamlSyntaxException.class, e -> assertThat(e.location().line()).isEqualTo(3));
    }
}
