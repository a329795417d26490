#!/usr/bin/env bash
# Smoke test of the self-contained image, run as a new user would: the image unpacked into a
# fresh directory whose path has a space, an empty HOME, no JAVA_HOME, a bare PATH (env -i).
# Checks --version, run on the bundled sample, validate on a broken file, the GUI opening
# headless, and that nothing was written outside that HOME.
#
# usage: jlink/smoke-test.sh [IMAGE_DIR]   (after mvn -B -Pdist package; default target/dist/greenlight)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
image=${1:-$repo/target/dist/greenlight}
tarball=$(dirname "$image")/greenlight.tar.gz
monocle=$(ls "$repo"/target/jlink/smoke/openjfx-monocle-*.jar 2>/dev/null | head -1 || true)
[ -x "$image/bin/greenlight" ] || { echo "smoke: no image at $image (run: mvn -B -Pdist package)"; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/greenlight-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
app="$work/Green Light/greenlight"
home="$work/home"
cwd="$work/cwd"
inputs="$work/inputs"
mkdir -p "$work/Green Light" "$home" "$cwd" "$inputs"
# The tarball is what people download; fall back to the directory when there is none.
if [ -f "$tarball" ]; then
  tar -xzf "$tarball" -C "$work/Green Light"
else
  cp -a "$image" "$app"
fi
cat > "$inputs/broken.yaml" <<'EOF'
id: broken
title: A checklist with a typo in a runner type
sections:
  - id: files
    title: Files
    items:
      - id: readme
        title: README exists
        check:
          type: file-exist
          paths: [README.md]
EOF

failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
# Everything under $work except the HOME, with sizes and times: the "nothing written" baseline.
# Java's own idea of home (the password database) too: the launcher must make it follow $HOME.
pwhome=$(getent passwd "$(id -u)" | cut -d: -f6)
snapshot() {
  (cd "$work" && find . -path ./home -prune -o -printf '%p %s %T@\n' | sort)
  for d in "$pwhome/.local/share/greenlight" "$pwhome/.config/greenlight"; do
    [ -e "$d" ] && find "$d" -printf '%p %s %T@\n' | sort
  done
  true
}
# timeout: a hung start-up fails the step (exit 124) instead of the CI job.
as_new_user() { (cd "$cwd" && timeout 300 env -i HOME="$home" PATH=/usr/bin:/bin "$@"); }

before=$(snapshot)

# 1. --version: version and the commit it was built from
set +e
out=$(as_new_user "$app/bin/greenlight" --version 2>&1); rc=$?
set -e
if [ $rc -eq 0 ] && grep -Eq '^greenlight [0-9][^ ]* \(build [0-9a-f]{7,}\)$' <<<"$out"; then
  pass "--version: ${out%%$'\n'*}"
else
  fail "--version: exit $rc, expected 'greenlight X (build <sha>)'; output:"; printf '%s\n' "$out"
fi

# 2. run with no arguments: the bundled checklist on the bundled sample checkout
set +e
out=$(as_new_user "$app/bin/greenlight" run 2>&1); rc=$?
set -e
# The bundled checklist on the bundled sample is all green locally; with no AWS configured the AWS
# items SKIP, so anything but 0 is a defect.
if [ $rc -eq 0 ]; then
  pass "run on the bundled sample: exit $rc"
else
  fail "run on the bundled sample: exit $rc, expected 0; output:"; printf '%s\n' "$out" | tail -20
fi

# 3. validate a broken checklist: exit 2 and a file:line:column problem
set +e
out=$(as_new_user "$app/bin/greenlight" validate --checklist "$inputs/broken.yaml" 2>&1); rc=$?
set -e
if [ $rc -eq 2 ] && grep -q 'broken.yaml:10:' <<<"$out"; then
  pass "validate on a broken file: exit 2, $(grep -m1 'broken.yaml:10:' <<<"$out")"
else
  fail "validate on a broken file: exit $rc, expected 2 with broken.yaml:10:…; output:"; printf '%s\n' "$out"
fi

# 4. the GUI opens headless: the image's own runtime and jars, plus the test-scope probe and
# Monocle (not shipped) so no display is needed.
if [ -z "$monocle" ] || [ ! -f "$repo/target/test-classes/dev/greenlight/GuiSmokeProbe.class" ]; then
  fail "gui: the probe or Monocle is missing (run: mvn -B -Pdist package)"
else
  set +e
  # Monocle headless with the image's JavaFX modules (shared with bench-in-image.sh)
  out=$(as_new_user "$app/runtime/bin/java" -XX:-UsePerfData -Duser.home="$home" \
        @"$repo/jlink/monocle-headless.args" \
        -cp "$app/lib/*:$repo/target/test-classes:$monocle" dev.greenlight.GuiSmokeProbe 2>&1); rc=$?
  set -e
  if [ $rc -eq 0 ]; then
    pass "gui: $(grep -m1 'gui-probe:' <<<"$out" || true)"
  else
    fail "gui: exit $rc; output:"; printf '%s\n' "$out" | tail -30
  fi
fi

# 5. nothing written outside HOME; what was written inside it, for the record
after=$(snapshot)
if [ "$before" = "$after" ]; then
  pass "nothing written outside HOME (the temp directories, the account's own ~/.local/share/greenlight and ~/.config/greenlight)"
else
  fail "written outside HOME:"; diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep '^[<>]' || true
fi
if [ -e "$home/.openjfx" ]; then
  fail "JavaFX extracted its natives to ~/.openjfx: they are missing from runtime/lib"
fi
echo "written in HOME: $(cd "$home" && find . -mindepth 1 -maxdepth 3 -type d | sort | tr '\n' ' ')"

if [ $failures -gt 0 ]; then
  echo "smoke test: $failures failed"
  exit 1
fi
echo "smoke test: all passed"
