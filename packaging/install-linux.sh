#!/bin/sh
# Install the LUP Verksted desktop entry and icon for the current user, so the app shows up in the
# desktop's application menu with its icon. For a user who installed the app with pip (or pipx);
# needs no root rights and touches nothing outside ~/.local/share (or $XDG_DATA_HOME).
#
#     sh packaging/install-linux.sh              # install (again: it simply overwrites)
#     sh packaging/install-linux.sh --uninstall  # remove what it installed
#
# Run it from a checkout of the project: it copies packaging/lup-verksted.desktop and the icons in
# resources/icons/. If the lup-verksted command lives outside the PATH the desktop sees (a virtual
# environment, say), the installed entry starts it by its full path.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
data_home=${XDG_DATA_HOME:-"$HOME/.local/share"}
apps="$data_home/applications"
icons="$data_home/icons/hicolor"
entry="$apps/lup-verksted.desktop"

refresh_caches() {
    # Optional helpers: menus pick up the changes without them too, just later.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$apps" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$entry" "$icons/256x256/apps/lup-verksted.png" "$icons/scalable/apps/lup-verksted.svg"
    refresh_caches
    echo "Removed the LUP Verksted desktop entry and icons from $data_home."
    exit 0
fi

for file in "$here/lup-verksted.desktop" "$root/resources/icons/lup-verksted-256.png" \
    "$root/resources/icons/lup-verksted.svg"; do
    if [ ! -f "$file" ]; then
        echo "install-linux.sh: $file is missing; run this script from a checkout of LUP Verksted." >&2
        exit 1
    fi
done

mkdir -p "$apps" "$icons/256x256/apps" "$icons/scalable/apps"
# The icon theme looks the icon up by name (Icon=lup-verksted): a PNG for its size, the SVG for any.
cp "$root/resources/icons/lup-verksted-256.png" "$icons/256x256/apps/lup-verksted.png"
cp "$root/resources/icons/lup-verksted.svg" "$icons/scalable/apps/lup-verksted.svg"

program=$(command -v lup-verksted 2>/dev/null || true)
case "$program" in
    /usr/bin/* | /usr/local/bin/* | "$HOME/.local/bin/"*)
        # On the PATH of a desktop session: the entry's plain "Exec=lup-verksted" finds it.
        cp "$here/lup-verksted.desktop" "$entry"
        ;;
    /*)
        # Elsewhere (a virtual environment): start it by its full path, quoted for the Exec key.
        # (Inside the quotes \ " ` $ take a backslash, and the key's value doubles every backslash.)
        LUP_EXEC=$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\\\&/g') LUP_PROGRAM=$program awk '
            $0 == "Exec=lup-verksted" { print "Exec=\"" ENVIRON["LUP_EXEC"] "\""; next }
            $0 == "TryExec=lup-verksted" { print "TryExec=" ENVIRON["LUP_PROGRAM"]; next }
            { print }
        ' "$here/lup-verksted.desktop" >"$entry"
        ;;
    *)
        echo "install-linux.sh: note: the lup-verksted command is not on your PATH;" >&2
        echo "  install the app first (see packaging/README.md) or the menu entry will not start it." >&2
        cp "$here/lup-verksted.desktop" "$entry"
        ;;
esac
chmod 644 "$entry"

refresh_caches
echo "Installed the LUP Verksted desktop entry in $apps and its icon in $icons."
