#!/usr/bin/env bash
# Installs Checkov from PyPI into a virtualenv of its own at ${WHARF_CACHE:-~/.cache/wharf}/checkov-venv: a peer for
# the lint benchmark. Its own virtualenv because Checkov pins an older boto3 than moto needs. Idempotent (a stamp);
# never fails the bench: a failed install is reported and the benchmark goes on without Checkov.
set -euo pipefail
CHECKOV_VERSION=3.3.30
cache="${WHARF_CACHE:-$HOME/.cache/wharf}"
venv="$cache/checkov-venv"
stamp="$venv/.wharf-stamp"
python="${WHARF_PYTHON:-python3}"
mkdir -p "$cache"
exec 9>"$cache/.setup-checkov.lock"
flock 9

pyver=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
want="checkov==$CHECKOV_VERSION python $pyver"
if [[ -f "$stamp" && "$(<"$stamp")" == "$want" && -x "$venv/bin/checkov" ]]; then
  echo "setup-checkov: $want up to date"
  exit 0
fi
rm -f "$stamp"
t0=$SECONDS
"$python" -m venv --clear "$venv" >"$cache/checkov-venv-create.log" 2>&1 || { cat "$cache/checkov-venv-create.log" >&2; echo "setup-checkov: python3 -m venv failed" >&2; exit 1; }
if ! timeout 1200 "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off -q "checkov==$CHECKOV_VERSION" >"$cache/checkov-pip.log" 2>&1; then
  tail -n 30 "$cache/checkov-pip.log" >&2
  echo "setup-checkov: pip could not install checkov==$CHECKOV_VERSION (log: $cache/checkov-pip.log)" >&2
  exit 1
fi
"$venv/bin/checkov" --version >/dev/null
echo "$want" >"$stamp"
echo "setup-checkov: $want ready in $((SECONDS - t0)) s ($venv/bin/checkov)"
