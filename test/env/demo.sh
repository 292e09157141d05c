#!/usr/bin/env bash
# `npm start`: installs what the demo needs (cached), builds and packages Wharf, then runs test/env/demo.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
export WHARF_CACHE="${WHARF_CACHE:-$HOME/.cache/wharf}"
bash test/env/setup-aws.sh
bash test/env/setup-k8s.sh
bash test/env/setup-vscode.sh
npm run --silent package >/dev/null
exec npx tsx test/env/demo.ts
