#!/usr/bin/env bash
# Install Debian packages the checks need (e.g. nodejs, chromium) where we can; where we cannot,
# say exactly what to install and fail. Usage: scripts/install_system_packages.sh PACKAGE...
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 PACKAGE..." >&2
  exit 2
fi
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
    exit 0
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
    exit 0
  fi
fi
echo "error: this check needs: $*" >&2
echo "Install them with your system's package manager (on Debian or Ubuntu:" >&2
echo "  sudo apt-get install $*), then run the command again." >&2
exit 1
