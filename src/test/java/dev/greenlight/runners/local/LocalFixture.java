package dev.greenlight.runners.local;

import dev.greenlight.engine.RunContext;
import dev.greenlight.engine.RunOptions;
import dev.greenlight.engine.Services;
import dev.greenlight.engine.SourceFile;
import dev.greenlight.engine.Variables;
import dev.greenlight.engine.Workspace;
import dev.greenlight.model.Item;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A checkout in a temporary directory and run contexts over it, for the local runner tests. */
final class LocalFixture {
    final Path dir;
    final Workspace workspace;

    LocalFixture(Path dir) {
        this.dir = dir;
        this.workspace = new Workspace(dir);
    }

    LocalFixture write(String rel, String text) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LocalFixture writeBytes(String rel, byte[] bytes) {
        try {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunContext ctx() {
        return ctx(null);
    }

    /** A context whose item quotes {@code lineHint}, as the checklist's line-hint does. */
    RunContext ctx(Integer lineHint) {
        Item item = new Item("item", "section", "Item", null, null, false, List.of(), lineHint,
                List.of(), List.of(), List.of());
        return new RunContext(item, workspace, Variables.of(Map.of()), new Services(), RunOptions.defaults(dir), () -> false);
    }

    /** A file as the workspace would hand it to a parser, without a checkout. */
    static SourceFile source(String rel, String text) {
        return new SourceFile(Path.of(rel), rel, text, text.lines().toList());
    }

    /** The source document's initialize_state_data.py, shortened; the call spans lines 17-21. */
    static final String INITIALIZE_STATE_DATA = """
            \"\"\"Creates the initial state of a workflow run.

            Uses: from src.handlers.utils.universal_sync_core import universal_sync_core
            \"\"\"
            import json
            import logging

            from src.handlers.utils.universal_sync_core import universal_sync_core

            logger = logging.getLogger(__name__)


            def lambda_handler(event, context):
                initial_payload = {"input": event.get("input", {})}
                # usc_result = universal_sync_core(base_state={}, new_result={}, context={})
                logger.info("calling universal_sync_core(base_state) # once")
                usc_result = universal_sync_core(
                    base_state={},
                    new_result=initial_payload,
                    context={'action': 'init', 'owner': "a ) # not a comment"}
                )
                return json.loads(json.dumps(usc_result))
            """;

    /** state_data_manager.py with the relative import (line 3) and six calls from six actions. */
    static String stateDataManager(int calls) {
        StringBuilder sb = new StringBuilder("""
                import os

                from .universal_sync_core import universal_sync_core, get_default_hydrator


                def universal_sync_core_disabled():
                    return None

                """);
        String[] actions = {"sync", "merge", "append", "reset", "finalize", "hydrate"};
        for (int i = 0; i < calls; i++) {
            sb.append("\n\ndef action_").append(actions[i]).append("(base_state, new_result):\n")
                    .append("    return universal_sync_core(\n")
                    .append("        base_state=base_state,\n")
                    .append("        new_result=new_result,\n")
                    .append("        context={'action': '").append(actions[i]).append("'}\n")
                    .append("    )\n");
        }
        return sb.toString();
    }
}
