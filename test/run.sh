#!/usr/bin/env bash
# Runs one test layer, or all of them: static (types, lint), unit, integration (real AWS emulator and Kubernetes
# API server on loopback), e2e (a real VS Code). Each layer installs what it needs through the project's own
# setup scripts (cached under ${WHARF_CACHE:-~/.cache/wharf}); a service that can't start fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
layer="${1:-all}"
export WHARF_CACHE="${WHARF_CACHE:-$HOME/.cache/wharf}"

tests_in() { find "$1" -name '*.test.ts' | sort; }
banner() { printf '\n=== %s ===\n' "$*"; }

static() {
  banner static; local t=$SECONDS
  npx tsc --noEmit -p .
  npx eslint src test
  echo "[static] $((SECONDS - t))s"
}

unit() {
  banner unit
  # shellcheck disable=SC2046
  node --import tsx --test --test-reporter=spec $(tests_in test/unit)
}

integration() {
  banner integration
  bash test/env/setup-aws.sh
  bash test/env/setup-k8s.sh
  # shellcheck disable=SC2046
  npx tsx test/env/with-stack.ts aws,kube -- node --import tsx --test --test-concurrency=1 --test-reporter=spec $(tests_in test/integration)
}

e2e() {
  banner e2e
  bash test/env/setup-vscode.sh
  # The explorer's suite and scenarios browse the local AWS and Kubernetes clusters.
  bash test/env/setup-aws.sh
  bash test/env/setup-k8s.sh
  node esbuild.mjs --tests
  bash test/run-e2e.sh
}

case "$layer" in
  static) static ;;
  unit) unit ;;
  integration) integration ;;
  e2e) e2e ;;
  all) static; unit; integration; e2e ;;
  *) echo "usage: test/run.sh [static|unit|integration|e2e|all]" >&2; exit 2 ;;
esac
