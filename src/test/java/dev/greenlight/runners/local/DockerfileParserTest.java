package dev.greenlight.runners.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.greenlight.runners.local.LocalFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

class DockerfileParserTest {

    private static DockerfileParser.Dockerfile parse(String text) {
        return DockerfileParser.parse(source("Dockerfile", text));
    }

    @Test
    void joinsContinuationsAndDropsCommentLinesInsideThem() {
        DockerfileParser.Dockerfile df = parse("""
                FROM python:3.12
                # a comment
                COPY \\
                    # comment inside the continuation
                    . \\

                    /var/task/src/
                RUN echo done
                """);
        assertThat(df.instructions()).extracting(DockerfileParser.Instruction::keyword).containsExactly("FROM", "COPY", "RUN");
        DockerfileParser.Instruction copy = df.instructions("copy").get(0);
        assertThat(copy.line()).isEqualTo(3);
        assertThat(copy.endLine()).isEqualTo(7);
        assertThat(copy.text()).isEqualTo("COPY . /var/task/src/");
        assertThat(df.instructions("RUN").get(0).line()).isEqualTo(8);
    }

    @Test
    void theEscapeDirectiveChangesTheContinuationCharacter() {
        DockerfileParser.Dockerfile df = parse("# escape=`\n# syntax=docker/dockerfile:1\nFROM x\nCOPY C:\\src `\n  C:\\dst\n");
        assertThat(df.escape()).isEqualTo('`');
        assertThat(df.directives()).containsEntry("syntax", "docker/dockerfile:1");
        assertThat(df.instructions("COPY").get(0).text()).isEqualTo("COPY C:\\src C:\\dst");
    }

    @Test
    void directivesAreOnlyReadAtTheTop() {
        DockerfileParser.Dockerfile df = parse("FROM x\n# escape=`\nRUN a \\\n b\n");
        assertThat(df.escape()).isEqualTo('\\');
        assertThat(df.instructions("RUN").get(0).text()).isEqualTo("RUN a b");
    }

    @Test
    void leadingFlagsAreKeptApartFromOperands() {
        DockerfileParser.Dockerfile df = parse("FROM --platform=linux/arm64 base AS build\nCOPY --from=build --chown=app:app . /var/task/src/\n");
        DockerfileParser.Instruction copy = df.instructions("COPY").get(0);
        assertThat(copy.flags()).containsExactly("--from=build", "--chown=app:app");
        assertThat(copy.operands()).isEqualTo(". /var/task/src/");
        assertThat(df.instructions("FROM").get(0).operands()).isEqualTo("base AS build");
    }

    @Test
    void argDefaultsBeforeFromAreGlobalAndExpand() {
        DockerfileParser.Dockerfile df = parse("""
                ARG BASE_IMAGE_URI=123.dkr.ecr.us-east-1.amazonaws.com/backend-llm-base:latest
                ARG TAG
                FROM ${BASE_IMAGE_URI}
                ARG STAGE_ONLY="quoted value"
                """);
        assertThat(df.globalArgs()).containsOnlyKeys("BASE_IMAGE_URI", "TAG");
        assertThat(df.globalArgs().get("TAG").value()).isNull();
        assertThat(df.args().get(2).value()).isEqualTo("quoted value");
        assertThat(df.args().get(2).stage()).isZero();
        assertThat(DockerfileParser.expand("FROM ${BASE_IMAGE_URI}", Map.of("BASE_IMAGE_URI", "img:1"))).isEqualTo("FROM img:1");
        assertThat(DockerfileParser.expand("$A ${B:-dflt} ${C}", Map.of("A", "a"))).isEqualTo("a dflt ${C}");
    }

    @Test
    void heredocBodiesBelongToTheirInstruction() {
        DockerfileParser.Dockerfile df = parse("FROM x\nRUN <<EOF\n# not a Dockerfile comment\nCOPY a b\nEOF\nCOPY . /app/\n");
        assertThat(df.instructions("COPY")).singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(6));
        assertThat(df.instructions("RUN").get(0).arguments()).contains("COPY a b");
    }
}
