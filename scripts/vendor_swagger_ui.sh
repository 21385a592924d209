#!/usr/bin/env bash
# Vendor Swagger UI's dist files so that /docs works offline (no CDN). Run once when upgrading; files are committed.
set -euo pipefail
SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/src/marsad/web/static/vendor/swagger-ui"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "swagger-ui-dist@${SWAGGER_UI_VERSION}" >/dev/null && tar -xzf swagger-ui-dist-*.tgz)
rm -rf "$dest"
mkdir -p "$dest"
cp "$tmp/package/swagger-ui-bundle.js" "$tmp/package/swagger-ui.css" "$tmp/package/favicon-32x32.png" "$dest/"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
[ -f "$tmp/package/NOTICE" ] && cp "$tmp/package/NOTICE" "$dest/NOTICE"
echo "$SWAGGER_UI_VERSION" > "$dest/VERSION"
echo "swagger-ui-dist $SWAGGER_UI_VERSION vendored into $dest"
