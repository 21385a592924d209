#!/usr/bin/env bash
# Install headless Chromium and its WebDriver from Debian when missing (the browser test needs them).
# Idempotent; needs root (or sudo) and the Debian package mirror.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list | grep -q Amiri; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core fonts-hosny-amiri >/dev/null
/usr/bin/chromium --version
