#!/usr/bin/env bash
# Reports the gzipped size of everything that ships in dist/ and fails above the
# budget of 350 KB (358,400 bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=358400
total=0
while IFS= read -r -d '' file; do
  size=$(gzip -9 -c "$file" | wc -c)
  total=$((total + size))
  printf '%8d  %s\n' "$size" "${file#dist/}"
done < <(find dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.webmanifest' \) -print0 | sort -z)
printf '%8d  total gzipped (budget %d)\n' "$total" "$BUDGET"
if [ "$total" -gt "$BUDGET" ]; then
  echo "bundle over budget" >&2
  exit 1
fi
