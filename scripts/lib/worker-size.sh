# Shared by scripts/build-worker, scripts/test-worker and scripts/bench-worker
# (sourced, not run): the size of the Worker bundle as Cloudflare counts it.
# Wrangler uploads worker.mjs, wasm_exec.js and app.wasm; the plan's limit
# is on the compressed upload (free plan: 3 MiB). We count the three files
# concatenated, gzip -9.

# The guard (scripts/test-worker fails above it) and the goal (issue 20),
# in bytes: 2.9 MiB leaves a margin under the free plan's 3 MiB.
WORKER_GZIP_LIMIT=$((29 * 1048576 / 10))
WORKER_GZIP_GOAL=$((25 * 1048576 / 10))

# worker_gzip_bytes DIR: gzip -9 size of DIR's bundle.
worker_gzip_bytes() {
  cat "$1/app.wasm" "$1/worker.mjs" "$1/wasm_exec.js" | gzip -9 | wc -c
}

# worker_raw_bytes DIR: uncompressed size of DIR's bundle.
worker_raw_bytes() {
  cat "$1/app.wasm" "$1/worker.mjs" "$1/wasm_exec.js" | wc -c
}

# check_worker_size DIR: print the bundle size against the goal and the
# limit; return 1 above the limit.
check_worker_size() {
  local gz
  gz=$(worker_gzip_bytes "$1")
  awk -v g="$gz" -v goal="$WORKER_GZIP_GOAL" -v lim="$WORKER_GZIP_LIMIT" 'BEGIN {
    printf "worker bundle: %d bytes gzip -9 (%.2f MiB); goal %.2f MiB, limit %.2f MiB (free plan 3 MiB)\n", g, g/1048576, goal/1048576, lim/1048576 }'
  if [ "$gz" -gt "$WORKER_GZIP_LIMIT" ]; then
    echo "worker bundle too big: $gz bytes gzip -9 > $WORKER_GZIP_LIMIT (2.9 MiB); a deploy on the free plan (3 MiB) would be close to failing. Goal: $WORKER_GZIP_GOAL (2.5 MiB)." >&2
    return 1
  fi
}
