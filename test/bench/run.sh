#!/usr/bin/env bash
# Lint benchmarks: generates the seeded corpora (10,000 objects as a platform repository has them, and a
# findings-dense 10,000), assembles the corpus of real public manifests from Go module zips (test/tools/real-corpus.ts),
# builds the CLI into a directory of its own, installs the peers into the cache (kube-score with `go install`,
# Checkov in its own virtualenv; a failed install is reported and the run goes on), then runs cli-speed on them all.
# Nothing third-party is committed: everything lands in ${WHARF_CACHE:-~/.cache/wharf}.
# Env: BENCH_RUNS (5), BENCH_OBJECTS (10000), BENCH_SKIP_PEERS=1 (no installs), BENCH_CHECKOV_ON (real,real-files),
# BENCH_CORPORA (generated,dense,real,real-files,real-x3; also real-kube-score: the real corpus without the one file
# kube-score cannot decode), BENCH_PROFILE=1 (CPU profile per corpus).
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${WHARF_CACHE:-$HOME/.cache/wharf}"
bin="$cache/bench-bin"
n="${BENCH_OBJECTS:-10000}"
mkdir -p "$bin" "$cache/bench"

npx tsx test/bench/corpus.ts "$cache/bench/corpus-$n.yaml" "$n" 42
npx tsx test/bench/corpus.ts "$cache/bench/dense-$n.yaml" "$n" 7 --dense
if command -v go >/dev/null; then
  npx tsx test/tools/real-corpus.ts --copies 3 || echo "[bench] real corpus: could not be assembled, continuing without it"
else
  echo "[bench] real corpus: no Go toolchain to fetch the modules with"
fi
cli_dir="$(node test/bench/build-cli.mjs)"

install_peer() { # name, go package
  if [[ -x "$bin/$1" ]]; then return; fi
  if ! command -v go >/dev/null; then echo "[bench] $1: not installed (no Go toolchain)"; return; fi
  echo "[bench] installing $1 ($2) into $bin"
  local log="$cache/bench/$1-install.log"
  if ! GOBIN="$bin" go install "$2" >"$log" 2>&1; then
    echo "[bench] $1: install failed, continuing without it: $(grep -m1 -E 'go: |error' "$log" || tail -n1 "$log")"
  fi
}
checkov=()
if [[ "${BENCH_SKIP_PEERS:-}" != 1 ]]; then
  install_peer kube-score github.com/zegl/kube-score/cmd/kube-score@v1.20.0
  if bash test/bench/setup-checkov.sh; then
    checkov=(--checkov "$cache/checkov-venv/bin/checkov" --checkov-on "${BENCH_CHECKOV_ON:-real,real-files}")
  else
    echo "[bench] Checkov: not installed, continuing without it"
  fi
fi

corpora=()
IFS=, read -r -a wanted <<<"${BENCH_CORPORA:-generated,dense,real,real-files,real-x3}"
for c in "${wanted[@]}"; do
  case "$c" in
    generated) p="$cache/bench/corpus-$n.yaml" ;;
    dense) p="$cache/bench/dense-$n.yaml" ;;
    real) p="$cache/bench/real/real.yaml" ;;
    real-files) p="$cache/bench/real/files" ;;
    real-x3) p="$cache/bench/real/real-x3.yaml" ;;
    real-kube-score) p="$cache/bench/real/real-kube-score.yaml" ;;
    *) echo "[bench] unknown corpus $c" >&2; exit 2 ;;
  esac
  [[ -e "$p" ]] && corpora+=(--corpus "$c=$p")
done

profile=()
[[ "${BENCH_PROFILE:-}" == 1 ]] && profile=(--profile)
npx tsx test/bench/cli-speed.ts "${corpora[@]}" --cli "$cli_dir/cli.js" --bin "$bin" --runs "${BENCH_RUNS:-5}" "${checkov[@]}" "${profile[@]}"
rm -rf "$cli_dir"
