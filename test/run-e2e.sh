#!/usr/bin/env bash
# The end-to-end layer: extension tests inside a real VS Code's extension host, then UI scenarios that drive the
# workbench like a person and save screenshots under test-results/. Each part starts its own code-server, so a closed
# page's extension host never lingers into the next part.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx test/e2e/run.ts
npm run --silent package >/dev/null
npx tsx test/e2e/ui/scenarios.ts
