#!/bin/sh
# Adds Greenlight to the desktop menu of the current user: the icons and a .desktop entry whose
# Exec points at this image's launcher. Writes only under $XDG_DATA_HOME (~/.local/share).
# Run it again after moving the image; `greenlight-install-desktop --remove` takes the entry out.
set -eu
self=$0
while [ -h "$self" ]; do
  target=$(readlink "$self")
  case $target in
    /*) self=$target ;;
    *) self=$(dirname -- "$self")/$target ;;
  esac
done
APP_HOME=$(cd -P -- "$(dirname -- "$self")/.." && pwd -P)
data=${XDG_DATA_HOME:-$HOME/.local/share}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/greenlight.desktop"
  for f in "$data"/icons/hicolor/*/apps/greenlight.png "$data/icons/hicolor/scalable/apps/greenlight.svg"; do
    rm -f "$f"
  done
  echo "removed the Greenlight desktop entry"
  exit 0
fi

case $APP_HOME in
  *[\"\`\$\\\|%]*) echo "greenlight-install-desktop: cannot write a desktop entry for a path with \" \` \$ \\ | or %: $APP_HOME" >&2; exit 2 ;;
esac

(cd "$APP_HOME/share/icons" && find hicolor -type f) | while IFS= read -r icon; do
  mkdir -p "$data/icons/$(dirname -- "$icon")"
  cp "$APP_HOME/share/icons/$icon" "$data/icons/$icon"
done
mkdir -p "$data/applications"
# Quoted: the desktop entry spec splits an unquoted Exec on spaces.
sed "s|^Exec=.*|Exec=\"$APP_HOME/bin/greenlight\"|" "$APP_HOME/share/applications/greenlight.desktop" \
  > "$data/applications/greenlight.desktop"
echo "installed $data/applications/greenlight.desktop"
