#!/usr/bin/env bash
# greenlight init on public SAM backends: clone each one (from GitHub) at the commit it was judged at,
# generate a checklist, check that it validates, run it against the same clean checkout, and print the
# counts per status with every FAIL/WARN/ERROR/MANUAL line, for a person to check by hand.
# Nothing of those repositories is kept or committed: they are cloned into a temporary directory.
# Usage: init-sweep.sh [WORKDIR]      (WORKDIR keeps the clones between runs; default: a temp dir)
# Set GREENLIGHT_SWEEP_HEAD=1 to judge each repository's newest commit instead of the pinned one.
# Without network access to github.com, set GREENLIGHT_SWEEP_MIRROR to a directory of clones named
# owner+name/repo (what the `fetch` tool brings to /work/.mirror) and they are cloned from there.
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
[ -d "$here/target/classes" ] || (cd "$here" && mvn -q -B compile)
cp_file=$(mktemp)
(cd "$here" && mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cp_file" >/dev/null)
gl() { java -cp "$here/target/classes:$(cat "$cp_file")" dev.greenlight.Main "$@"; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"

# owner/name  commit  (state machines with DefinitionSubstitutions, functions, a deploy workflow)
repos="
skwuwu/Analemma-Os 334fdc8
osawa-koki/aws-multi-step-workflow-sample 4c75210
Fred-Luckham/centralised-observability-automation 1bc1775
UmaxCode/photo-blog-application-backend c35209a
aws-samples/aws-sam-github-actions-example 6d97629
aws-samples/aws-step-functions-progress-tracking 5266875
"

printf '%-52s %s\n' "repository@commit" "PASS WARN FAIL ERROR SKIP MANUAL"
echo "$repos" | while read -r repo commit; do
  [ -n "$repo" ] || continue
  dir="$work/${repo//\//+}"
  src="https://github.com/$repo.git"
  [ -z "${GREENLIGHT_SWEEP_MIRROR:-}" ] || src="$GREENLIGHT_SWEEP_MIRROR/${repo//\//+}/repo"
  # --no-checkout then a checkout of the commit: a mirror may lack a large binary the checklist never reads
  [ -d "$dir/.git" ] || git clone -q --no-checkout "$src" "$dir"
  if [ -z "${GREENLIGHT_SWEEP_HEAD:-}" ]; then rev=$commit; else rev=HEAD; fi
  if ! git -C "$dir" checkout -q --detach "$rev" 2>/dev/null; then
    # a file the mirror does not hold stays missing (shown as deleted); every other file is checked out
    git -C "$dir" reset -q "$rev"
    git -C "$dir" ls-files -z | xargs -0 -n 50 git -C "$dir" checkout -q -- 2>/dev/null || true
  fi
  at=$(git -C "$dir" rev-parse --short HEAD)
  out="$work/${repo//\//+}.yaml"
  if ! gl init --checkout "$dir" --out "$out" --force 2>"$work/init.err"; then
    printf '%-52s init failed: %s\n' "$repo@$at" "$(tail -1 "$work/init.err")"; continue
  fi
  gl validate --checklist "$out" >/dev/null || { printf '%-52s generated checklist does not validate\n' "$repo@$at"; continue; }
  { gl run --checklist "$out" --checkout "$dir" --format json --no-history 2>/dev/null || true; } > "$work/report.json"
  python3 - "$repo@$at" "$work/report.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
s = r["summary"]
print("%-52s %4d %4d %4d %5d %4d %6d" % (name, s.get("PASS", 0), s.get("WARN", 0), s.get("FAIL", 0), s.get("ERROR", 0),
                                          s.get("SKIP", 0), s.get("MANUAL", 0)))
for i in r["items"]:
    if i["status"] in ("FAIL", "ERROR", "WARN"):
        print("    %-5s %s: %s" % (i["status"], i["id"], i["reason"][:300]))
PY
done
