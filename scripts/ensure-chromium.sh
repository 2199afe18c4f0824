#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (playwright-core drives /usr/bin/chromium;
# no browser is ever downloaded by npm). On a Debian machine, as root, installs the `chromium` package;
# otherwise says that the browser tests will be skipped. Never fails the build by itself.
set -uo pipefail
bin="${MOTCUA_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$bin" ]; then
  echo "ensure-chromium: Chromium found at $bin"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no Chromium at $bin and not root with apt-get: the browser tests will be skipped"
  exit 0
fi
echo "ensure-chromium: no Chromium at $bin; installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || echo "ensure-chromium: apt-get update failed"
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core || apt-get install -y -q --no-install-recommends chromium || true
if [ -x "$bin" ]; then
  echo "ensure-chromium: installed $("$bin" --version 2>/dev/null || echo chromium)"
else
  echo "ensure-chromium: installation failed: the browser tests will be skipped"
fi
exit 0
