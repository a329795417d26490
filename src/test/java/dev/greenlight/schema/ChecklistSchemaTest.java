package dev.greenlight.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.greenlight.wiring.Greenlight;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistSchemaTest {
    private static final Path PUBLISHED = Path.of("docs/checklist.schema.json");

    /** The published schema is the generated one; regenerate with `greenlight schema > docs/checklist.schema.json`. */
    @Test
    void publishedSchemaIsUpToDate() throws Exception {
        String generated = ChecklistSchema.generateText(Greenlight.registry());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(PUBLISHED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8)).isEqualTo(generated);
    }

    @Test
    void describesEveryRunnerWithItsRequiredParameters() {
        JsonNode schema = ChecklistSchema.generate(Greenlight.registry());
        Greenlight.registry().types().forEach(t -> assertThat(schema.at("/$defs/check-" + t + "/properties/type/const").asText()).isEqualTo(t));
        assertThat(schema.at("/$defs/check-file-exists/required").toString()).contains("paths");
        assertThat(schema.at("/$defs/check-file-exists/properties/min-matches/type").asText()).isEqualTo("integer");
        assertThat(new JsonMapper().valueToTree(schema).at("/$defs/item/additionalProperties").asBoolean(true)).isFalse();
    }
}
