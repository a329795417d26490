"""Universal Sync Core (USC): the one place where workflow state is merged.

Every state transition of the v3.3 Unified Pipe goes through universal_sync_core(), so the
StateBag has one shape whatever produced the change.
"""
import copy
import logging

logger = logging.getLogger(__name__)


def get_default_hydrator():
    """Returns the function that fills missing StateBag keys with their defaults."""
    def hydrate(state):
        state.setdefault("segments", [])
        state.setdefault("results", {})
        state.setdefault("version", 3)
        return state
    return hydrate


def universal_sync_core(base_state, new_result, context):
    """Merges new_result into base_state according to context['action']."""
    action = (context or {}).get("action", "sync")
    merged = copy.deepcopy(base_state or {})
    if action == "init":
        logger.info("🎯 [Day-Zero Sync] initialising StateBag")
        merged = dict(new_result or {})
    else:
        merged.setdefault("results", {}).update(new_result or {})
    return get_default_hydrator()(merged)
