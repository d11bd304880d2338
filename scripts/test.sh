#!/usr/bin/env bash
# Quick start 2: install everything (Python packages; Debian's chromium, Java and
# npm tools for the browser and HTML checks; nginx, Apache, rsync and sshd for
# the publishing tests) and run the whole test suite.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
need=""
[ -x /usr/bin/chromium ] || need="$need chromium fonts-noto-core"
command -v java >/dev/null || need="$need default-jre-headless"
command -v npm >/dev/null || need="$need nodejs npm"
command -v git >/dev/null || need="$need git"
# real servers for the publishing tests
command -v nginx >/dev/null || need="$need nginx-light"
[ -x /usr/sbin/apache2 ] || need="$need apache2"
command -v rsync >/dev/null || need="$need rsync"
[ -x /usr/sbin/sshd ] || need="$need openssh-server openssh-client"
if [ -n "$need" ]; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi
scripts/bootstrap.sh test
# axe-core and the Nu HTML Checker, pinned in package-lock.json
npm ci --no-audit --no-fund --silent
.venv/bin/python -m pytest "$@"
