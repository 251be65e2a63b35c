#!/usr/bin/env bash
# The e2e tests drive Debian's Chromium (browsers cannot be downloaded by Playwright here). Installs it when
# /usr/bin/chromium is missing; needs root, as on CI and the development machines.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  exit 0
fi
echo "chromium: installing Debian's package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
