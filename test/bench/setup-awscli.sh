#!/usr/bin/env bash
# Installs the AWS CLI from PyPI into a virtualenv of its own at ${WHARF_CACHE:-~/.cache/wharf}/awscli-venv: the
# comparison for the `wharf token` benchmark (`aws eks get-token`, as a person who runs `pip install awscli` has it).
# It never touches the moto virtualenv, so the emulator's pins and the CLI's pins can't fight. Idempotent (a stamp).
set -euo pipefail
# Newest on PyPI when pinned. Bumping it reinstalls at the next run.
AWSCLI_VERSION=1.46.2
cache="${WHARF_CACHE:-$HOME/.cache/wharf}"
venv="$cache/awscli-venv"
stamp="$venv/.wharf-stamp"
python="${WHARF_PYTHON:-python3}"
mkdir -p "$cache"
exec 9>"$cache/.setup-awscli.lock"
flock 9

pyver=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
want="awscli==$AWSCLI_VERSION python $pyver"
if [[ -f "$stamp" && "$(<"$stamp")" == "$want" && -x "$venv/bin/aws" ]]; then
  echo "setup-awscli: $want up to date"
  exit 0
fi
rm -f "$stamp"
t0=$SECONDS
"$python" -m venv --clear "$venv" >"$cache/awscli-venv-create.log" 2>&1 || { cat "$cache/awscli-venv-create.log" >&2; echo "setup-awscli: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 1; }
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off -q "awscli==$AWSCLI_VERSION" >"$cache/awscli-pip.log" 2>&1; then
  tail -n 30 "$cache/awscli-pip.log" >&2
  echo "setup-awscli: pip could not install awscli==$AWSCLI_VERSION (log: $cache/awscli-pip.log)" >&2
  exit 1
fi
"$venv/bin/aws" --version >/dev/null
echo "$want" >"$stamp"
echo "setup-awscli: $want ready in $((SECONDS - t0)) s ($venv/bin/aws)"
