"""End-to-end: the simple workflow used by the deployment checklist is well formed."""
import json
import pathlib

WORKFLOW = pathlib.Path(__file__).parents[3] / "src" / "test_workflows" / "simple_llm_test.json"


def test_simple_workflow_has_segments():
    workflow = json.loads(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["segments"], "the test workflow needs at least one segment"
