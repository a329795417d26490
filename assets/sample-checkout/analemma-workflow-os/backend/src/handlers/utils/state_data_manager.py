"""StateDataManager Lambda: every read and write of the StateBag between segments.

All six actions go through USC so the StateBag keeps one shape.
"""
import json
import logging

from .universal_sync_core import universal_sync_core, get_default_hydrator

logger = logging.getLogger()
logger.setLevel(logging.INFO)

MAX_RESPONSE_BYTES = 200 * 1024


def _merge_segment(base_state, new_result):
    return universal_sync_core(
        base_state=base_state,
        new_result=new_result,
        context={'action': 'sync', 'kind': 'segment'}
    )


def _merge_branch(base_state, new_result):
    return universal_sync_core(
        base_state=base_state,
        new_result=new_result,
        context={'action': 'sync', 'kind': 'branch'}
    )


def _merge_callback(base_state, new_result):
    return universal_sync_core(
        base_state=base_state,
        new_result=new_result,
        context={'action': 'sync', 'kind': 'callback'}
    )


def _merge_llm(base_state, new_result):
    return universal_sync_core(
        base_state=base_state,
        new_result=new_result,
        context={'action': 'sync', 'kind': 'llm'}
    )


def _merge_distributed(base_state, new_result):
    return universal_sync_core(
        base_state=base_state,
        new_result=new_result,
        context={'action': 'sync', 'kind': 'distributed'}
    )


def _hydrate(base_state, new_result):
    return universal_sync_core(
        base_state=base_state,
        new_result=new_result,
        context={'action': 'hydrate'}
    )


ACTIONS = {
    "merge_segment": _merge_segment,
    "merge_branch": _merge_branch,
    "merge_callback": _merge_callback,
    "merge_llm": _merge_llm,
    "merge_distributed": _merge_distributed,
    "hydrate": _hydrate,
}


def lambda_handler(event, context):
    """Entry point; Command: src.handlers.utils.state_data_manager.lambda_handler."""
    action = event.get("action", "hydrate")
    handler = ACTIONS.get(action)
    if handler is None:
        raise ValueError(f"unknown action {action!r}")
    result = handler(event.get("state") or {}, event.get("result") or {})
    result = get_default_hydrator()(result)
    if len(json.dumps(result).encode("utf-8")) > MAX_RESPONSE_BYTES:
        raise ValueError("StateBag exceeds the 200 KB response budget")
    return result
