#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 (Ctrl+C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-web.sh
echo "Cirkelbreker: http://127.0.0.1:8080"
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
