#!/usr/bin/env bash
# Quick start 1: install everything and build the demo site into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
.venv/bin/invoke build
