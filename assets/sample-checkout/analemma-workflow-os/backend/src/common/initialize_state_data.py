"""InitializeStateData Lambda: builds the initial StateBag of a workflow execution.

The first state of both v3 state machines (InitializeStateBag) invokes this function.
"""
import json
import logging
import os
import time

import boto3

# Older builds imported a local copy of the sync helper; v3.3 uses USC everywhere.
# from src.common.legacy_sync import legacy_sync

from src.handlers.utils.universal_sync_core import universal_sync_core

logger = logging.getLogger()
logger.setLevel(logging.INFO)

MAX_RESPONSE_BYTES = 250 * 1024
STATE_BUCKET = os.environ.get("WORKFLOW_STATE_BUCKET", "")


def _load_workflow(event):
    workflow = event.get("workflow") or {}
    if isinstance(workflow, str):
        workflow = json.loads(workflow)
    return workflow


def _initial_payload(event):
    workflow = _load_workflow(event)
    return {
        "workflow_id": event.get("workflow_id", "adhoc"),
        "segments": workflow.get("segments", []),
        "started_at": int(time.time()),
        "stage": os.environ.get("STAGE_NAME", "dev"),
    }


def lambda_handler(event, context):
    """Entry point; Command: src.common.initialize_state_data.lambda_handler."""
    if event.get("test") == "module_check":
        # Proves the USC module is importable inside the container.
        return {"module_check": "ok", "usc": universal_sync_core.__module__}

    initial_payload = _initial_payload(event)

    usc_result = universal_sync_core(
        base_state={},
        new_result=initial_payload,
        context={'action': 'init', 'source': 'InitializeStateData'}
    )

    body = json.dumps(usc_result)
    if len(body.encode("utf-8")) > MAX_RESPONSE_BYTES:
        raise ValueError("StateBag exceeds the 250 KB response budget")
    return usc_result
