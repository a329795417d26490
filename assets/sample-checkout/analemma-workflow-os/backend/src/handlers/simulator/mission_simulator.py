"""Runs a workflow file end to end against a deployed stage (python -m ...mission_simulator)."""
import argparse
import json


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workflow-file", required=True)
    parser.add_argument("--stage", default="dev")
    args = parser.parse_args()
    with open(args.workflow_file, encoding="utf-8") as f:
        workflow = json.load(f)
    print(f"would start {workflow.get('name')} on stage {args.stage}")


if __name__ == "__main__":
    main()
