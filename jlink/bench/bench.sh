#!/usr/bin/env bash
# Start-up of the image: bin/greenlight --version with the app's CDS archive, with only the JDK's
# default archive, and with no CDS at all; and a hello-world JavaFX window on the same runtime.
# Needs hyperfine, and a display for the window (run it under xvfb-run -a when there is none).
#
# usage: jlink/bench/bench.sh [IMAGE_DIR]   (after mvn -B -Pdist package)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
image=${1:-$repo/target/dist/greenlight}
out=$repo/target/jlink/bench
mkdir -p "$out/home"
javac --release 17 --module-path "$repo/target/jlink/javafx" --add-modules javafx.controls \
  -d "$out/classes" "$repo/jlink/bench/HelloFx.java"

export HOME=$out/home
for d in "$image" "$image/runtime" "$image/lib" "$(dirname "$image")/greenlight.tar.gz"; do du -sh "$d"; done
uptime
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-markdown "$out/startup.md" \
  -n 'greenlight --version (app CDS archive)' "$image/bin/greenlight --version" \
  -n 'greenlight --version (JDK default CDS only)' \
     "env GREENLIGHT_OPTS=-XX:SharedArchiveFile=$image/runtime/lib/server/classes.jsa $image/bin/greenlight --version" \
  -n 'greenlight --version (no CDS)' "env GREENLIGHT_OPTS=-Xshare:off $image/bin/greenlight --version" \
  -n 'hello-world JavaFX window' \
     "$image/runtime/bin/java -XX:-UsePerfData -cp $out/classes HelloFx"

# The same commands again, interleaved (one run of each per round), medians of wall and CPU time:
# on a busy machine the load drifts during a sequential hyperfine series.
variants=(appcds default-cds no-cds hello)
cmd() {
  case $1 in
    appcds) "$image/bin/greenlight" --version ;;
    default-cds) GREENLIGHT_OPTS=-XX:SharedArchiveFile=$image/runtime/lib/server/classes.jsa "$image/bin/greenlight" --version ;;
    no-cds) GREENLIGHT_OPTS=-Xshare:off "$image/bin/greenlight" --version ;;
    hello) "$image/runtime/bin/java" -XX:-UsePerfData -cp "$out/classes" HelloFx ;;
  esac
}
TIMEFORMAT='%R %U %S'
for v in "${variants[@]}"; do : > "$out/$v.times"; done
for _ in $(seq "${RUNS:-20}"); do
  for v in "${variants[@]}"; do
    { time cmd "$v" >/dev/null 2>&1; } 2>> "$out/$v.times"
  done
done
printf '%-12s %10s %10s   (median of %s interleaved runs, seconds)\n' variant wall cpu "${RUNS:-20}"
for v in "${variants[@]}"; do
  wall=$(cut -d' ' -f1 "$out/$v.times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(awk '{print $2 + $3}' "$out/$v.times" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-12s %10s %10s\n' "$v" "$wall" "$cpu"
done
