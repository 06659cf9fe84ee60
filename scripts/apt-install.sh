#!/usr/bin/env bash
# Install Debian packages for what the tests or the docs need, where apt-get is:
#   bash scripts/apt-install.sh "WHAT FOR" PACKAGE...
# (with sudo unless run as root; without recommended packages).
set -euo pipefail
what="$1"
shift
command -v apt-get >/dev/null 2>&1 || exit 0
echo "Installing $what ..." >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
