"""SegmentRunner Lambda: runs one segment of a workflow."""
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def lambda_handler(event, context):
    """Entry point; Command: src.handlers.core.segment_runner_handler.lambda_handler."""
    segment = event.get("segment") or {}
    logger.info("running segment %s", segment.get("id"))
    return {"segment_id": segment.get("id"), "status": "SUCCEEDED", "output": {}}
