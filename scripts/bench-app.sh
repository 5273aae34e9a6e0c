#!/usr/bin/env bash
# The app's speed in headless Chromium (scripts/bench-app.mjs): builds dist/ first when it
# is missing, and with --baseline-rev REV builds that git revision as the baseline
# (scripts/build-baseline.sh) and runs both side by side. Prints a Markdown table.
#
#   bash scripts/bench-app.sh [--baseline-rev REV | --baseline DIR] [bench-app.mjs options]
#
# e.g. bash scripts/bench-app.sh --baseline-rev main --label bench --baseline-label main
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
[ -f dist/index.html ] || bash scripts/build-web.sh
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline-rev) [ $# -ge 2 ] || { echo "--baseline-rev needs a revision" >&2; exit 2; }
      args+=(--baseline "$(bash scripts/build-baseline.sh "$2")"); shift 2 ;;
    --baseline-rev=*) args+=(--baseline "$(bash scripts/build-baseline.sh "${1#*=}")"); shift ;;
    *) args+=("$1"); shift ;;
  esac
done
exec node scripts/bench-app.mjs "${args[@]}"
