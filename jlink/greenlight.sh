#!/bin/sh
# Greenlight launcher: starts the desktop app with no arguments, the CLI with any.
# Runs the Java runtime shipped beside it (runtime/), never the one JAVA_HOME or PATH point at,
# so a laptop without a JDK, or with another one, behaves the same.
# GREENLIGHT_OPTS adds JVM options (split on blanks), e.g. GREENLIGHT_OPTS=-Xmx1g.

# Resolve our own location through symlinks (e.g. ~/.local/bin/greenlight -> /opt/greenlight/bin/greenlight).
self=$0
while [ -h "$self" ]; do
  target=$(readlink "$self") || break
  case $target in
    /*) self=$target ;;
    *) self=$(dirname -- "$self")/$target ;;
  esac
done
APP_HOME=$(cd -P -- "$(dirname -- "$self")/.." && pwd -P) || exit 2

# The jars are named through a descriptor of the image directory (/proc/self/fd/9) rather than
# its path: the class-data-sharing archive (lib/greenlight.jsa) only matches the class path it
# was made with, and this way that text is the same wherever the image is unpacked. Without
# /proc, plain paths; the archive then goes unused, which only costs start-up time.
if (exec 9<"$APP_HOME") 2>/dev/null && exec 9<"$APP_HOME" && [ -d /proc/self/fd/9/lib ]; then
  root=/proc/self/fd/9
else
  root=$APP_HOME
fi
# Listed in a fixed order at build time: a lib/* wildcard has no defined order.
app_classpath=@CLASSPATH@

# A CLI call is short: compiling with C1 only cuts its CPU by about a third.
# The desktop app (no arguments) keeps the full JIT, at nice 10 like its check threads, so
# compiling does not take the cores the window draws with.
cli_jit="-XX:CompilerThreadPriority=10"
if [ $# -gt 0 ]; then cli_jit="-XX:TieredStopAtLevel=1"; fi
set -- @MAIN_CLASS@ "$@"
if [ -n "$cli_jit" ]; then set -- "$cli_jit" "$@"; fi
# Java takes user.home from the password database, not $HOME; follow $HOME like other Unix tools
# do, so the config and data directories are where the user (or a test with HOME=...) says.
if [ -n "${HOME:-}" ]; then
  set -- "-Duser.home=$HOME" "$@"
fi
if [ -n "${GREENLIGHT_OPTS:-}" ]; then
  set -f
  # shellcheck disable=SC2086  # splitting the options on blanks is the point
  set -- $GREENLIGHT_OPTS "$@"
  set +f
fi
if [ -f "$APP_HOME/lib/greenlight.jsa" ]; then
  # Quiet when the archive does not match (jars copied without their times, another class
  # path): the JVM then runs without it.
  set -- "-XX:SharedArchiveFile=$APP_HOME/lib/greenlight.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "$@"
fi
# -XX:-UsePerfData: no /tmp/hsperfdata_<user> file; nothing is written outside the user's directories.
exec "$APP_HOME/runtime/bin/java" -XX:-UsePerfData -cp "$app_classpath" "$@"
