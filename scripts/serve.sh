#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 (Ctrl+C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-web.sh
exec node scripts/serve-dist.mjs 8080
