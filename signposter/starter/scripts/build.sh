#!/usr/bin/env bash
# Quick start 1: install everything into .venv and build the site into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q "${SIGNPOSTER_PACKAGE:-signposter}" pytest
.venv/bin/invoke build
