#!/usr/bin/env bash
# Benchmarks: generates the seeded 10,000-object corpus, builds dist/cli.js, installs the peer linters for
# comparison (Go, into the cache: never committed; a failed install is reported and the run goes on), then runs
# cli-speed. Env: WHARF_CACHE (default ~/.cache/wharf), BENCH_RUNS (5), BENCH_OBJECTS (10000),
# BENCH_SKIP_PEERS=1 to skip the Go installs, BENCH_PROFILE=1 to print a CPU profile even when targets are met.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${WHARF_CACHE:-$HOME/.cache/wharf}"
bin="$cache/bench-bin"
corpus="$cache/bench/corpus-${BENCH_OBJECTS:-10000}.yaml"
mkdir -p "$bin" "$cache/bench"

npx tsx test/bench/corpus.ts "$corpus" "${BENCH_OBJECTS:-10000}" 42
node esbuild.mjs

install_peer() { # name, go package
  if [[ -x "$bin/$1" ]]; then return; fi
  if ! command -v go >/dev/null; then echo "[bench] $1: not installed (no Go toolchain)"; return; fi
  echo "[bench] installing $1 ($2) into $bin"
  local log="$cache/bench/$1-install.log"
  if ! GOBIN="$bin" go install "$2" >"$log" 2>&1; then
    echo "[bench] $1: install failed, continuing without it: $(grep -m1 -E 'go: |error' "$log" || tail -n1 "$log")"
  fi
}
if [[ "${BENCH_SKIP_PEERS:-}" != 1 ]]; then
  install_peer kube-linter golang.stackrox.io/kube-linter/cmd/kube-linter@latest
  install_peer kube-score github.com/zegl/kube-score/cmd/kube-score@latest
fi

profile=()
[[ "${BENCH_PROFILE:-}" == 1 ]] && profile=(--profile)
npx tsx test/bench/cli-speed.ts --corpus "$corpus" --cli dist/cli.js --bin "$bin" --runs "${BENCH_RUNS:-5}" "${profile[@]}"
