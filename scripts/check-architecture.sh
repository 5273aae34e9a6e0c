#!/usr/bin/env bash
# Checks the invariants ARCHITECTURE.md states:
# - the core (src/core) imports no UI or browser crate;
# - rules/ holds data only (TOML);
# - only the storage service touches browser storage;
# - rules::own imports rules::validate, never the other way round (no import circle).
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
if grep -rnE '^[^/]*\b(yew|web_sys|gloo|wasm_bindgen|js_sys)::|^\s*(use|extern crate) +(yew|web_sys|gloo|wasm_bindgen|js_sys)\b' src/core; then
  echo "the core must not import a UI or browser crate (lines above)" >&2; fail=1
fi
if find rules -type f ! -name '*.toml' | grep .; then
  echo "rules/ holds data only: TOML files (files above)" >&2; fail=1
fi
storage_users=$(grep -rlE 'indexed_db|IdbFactory|local_storage|localStorage|indexedDB|caches\b' src | grep -v '^src/ui/services/storage' || true)
if [ -n "$storage_users" ]; then
  echo "only src/ui/services/storage* may touch browser storage: $storage_users" >&2; fail=1
fi
if grep -nE '(super|rules)::own\b' src/core/rules/validate.rs src/core/rules/load.rs src/core/rules/id.rs src/core/rules/problem.rs; then
  echo "rules::validate, load, id and problem must not import rules::own: own imports them (lines above)" >&2; fail=1
fi
[ "$fail" -eq 0 ] && echo "architecture invariants hold"
exit "$fail"
