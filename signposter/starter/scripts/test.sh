#!/usr/bin/env bash
# Quick start 2: install everything into .venv and run the site's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q "${SIGNPOSTER_PACKAGE:-signposter}" pytest
.venv/bin/python -m pytest -q tests "$@"
