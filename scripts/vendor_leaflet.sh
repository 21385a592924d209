#!/usr/bin/env bash
# Vendor Leaflet's dist files into the package so the dashboard needs no CDN and no npm at run time.
# Run once when upgrading Leaflet; the copied files are committed.
set -euo pipefail
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/src/marsad/web/static/vendor/leaflet"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "leaflet@${LEAFLET_VERSION}" >/dev/null && tar -xzf leaflet-*.tgz)
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$tmp/package/dist/leaflet.js" "$tmp/package/dist/leaflet.css" "$dest/"
cp "$tmp/package/dist/images/"*.png "$dest/images/"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
echo "$LEAFLET_VERSION" > "$dest/VERSION"
echo "leaflet $LEAFLET_VERSION vendored into $dest"
