#!/usr/bin/env bash
# The end-to-end layer, in two parts, each with a code-server of its own (a closed page's extension host stays alive
# in code-server, ~140 MB each, so one server per part):
#   1. extension tests in VS Code's extension host through @vscode/test-electron (test/e2e/run.ts, suites in
#      test/e2e/suite/), on the development build (`node esbuild.mjs --tests`, done here);
#   2. UI scenarios that drive the workbench like a person (test/e2e/ui/run.ts), on the packaged VSIX, with
#      screenshots under test-results/ui/.
# Both parts run even when the first fails, so one run reports everything; the exit code is non-zero if either failed.
# Both run against the local AWS (moto + the stand-in) and one Kubernetes control plane per demo EKS cluster, seeded
# as the demo is, with the demo's profiles wharf-admin and wharf-viewer (test/e2e/stack.ts starts them once for both
# parts; this script re-runs itself inside it). WHARF_E2E_NO_STACK=1 runs without them: the explorer suite and
# scenarios then report themselves skipped.
# Needs test/env/setup-vscode.sh, setup-aws.sh and setup-k8s.sh to have run (test/run.sh e2e does all three).
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${WHARF_E2E_STACK:-}" && "${WHARF_E2E_NO_STACK:-}" != 1 ]]; then
  exec npx tsx test/e2e/stack.ts -- bash "$0" "$@"
fi
status=0
t0=$SECONDS

node esbuild.mjs --tests || exit 1
echo "--- e2e: extension tests (code-server extension host)"
npx tsx test/e2e/run.ts || status=1

echo "--- e2e: UI scenarios (packaged VSIX)"
if npm run --silent package >/dev/null; then
  npx tsx test/e2e/ui/run.ts || status=1
else
  echo "e2e: npm run package failed" >&2
  status=1
fi
# The packaged build is minified without source maps: leave dist/ as a development build for whoever runs next.
node esbuild.mjs --tests || status=1
echo "--- e2e: $((SECONDS - t0)) s, $([[ $status -eq 0 ]] && echo ok || echo FAILED)"
exit $status
