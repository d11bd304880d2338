#!/usr/bin/env bash
# Quick start 2: install everything (Python packages, Debian's chromium for the
# browser tests) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core
fi
scripts/bootstrap.sh test
.venv/bin/python -m pytest "$@"
