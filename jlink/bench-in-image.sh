#!/usr/bin/env bash
# Runs a GUI benchmark inside the runtime image's own JVM: its jlinked runtime, its --add-options
# (thread priorities) and its class-data-sharing archive, with the launcher's class path first so
# the archive maps; the test classes, JUnit, TestFX and Monocle come after it. BENCHMARKS.md §4.
#
#   mvn -B -Pdist package -DskipTests && mvn -B test-compile   # the image and the test classes
#   jlink/bench-in-image.sh [BenchmarkClass]                   # default: FxStallBenchmark
#
# Results land where the benchmark writes them (target/bench/). Linux; Monocle headless, software
# rendering, no display needed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
app="$repo/target/dist/greenlight"
bench="dev.greenlight.bench.${1:-FxStallBenchmark}"
[ -x "$app/runtime/bin/java" ] || { echo "no image at $app (mvn -B -Pdist package -DskipTests)" >&2; exit 2; }
[ -f "$repo/target/test-classes/dev/greenlight/bench/RunInImage.class" ] || { echo "no test classes (mvn -B test-compile)" >&2; exit 2; }

# the test class path (JUnit, TestFX, Monocle, AssertJ…), without the JavaFX jars: the image has
# JavaFX as modules
cpfile="$repo/target/bench/test-classpath.txt"
mkdir -p "$repo/target/bench"
if [ ! -s "$cpfile" ] || [ "$repo/pom.xml" -nt "$cpfile" ]; then
  (cd "$repo" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile")
fi
tests=$(tr ':' '\n' < "$cpfile" | grep -v '/org/openjfx/' | paste -sd: -)

# the launcher's class path, as the archive was dumped with it (lib/ reached through fd 9)
app_cp=$(sed -n 's/^app_classpath="\(.*\)"$/\1/p' "$app/bin/greenlight" | sed 's|\$root|/proc/self/fd/9|g')
[ -n "$app_cp" ] || { echo "cannot read the class path from $app/bin/greenlight" >&2; exit 2; }
exec 9<"$app"
cd "$repo"
exec "$app/runtime/bin/java" -XX:SharedArchiveFile="$app/lib/greenlight.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:-UsePerfData -Xmx2g -Dfile.encoding=UTF-8 -XX:CompilerThreadPriority=10 \
  @"$repo/jlink/monocle-headless.args" -Dtestfx.robot=glass -Djava.awt.headless=true \
  -Dgreenlight.home="$repo/target/test-home" \
  ${BENCH_JVM:-} \
  -cp "$app_cp:$repo/target/test-classes:$tests" dev.greenlight.bench.RunInImage "$bench"
