#!/usr/bin/env bash
# Installs the local AWS emulator: moto in server mode, in a project-owned virtualenv at
# ${WHARF_CACHE:-~/.cache/wharf}/venv (its botocore is also the EKS token tests' independent SigV4 oracle).
# Idempotent: a stamp records what was installed (the moto pin and the Python it runs on). The same stamp is a
# no-op in a fraction of a second; a new pin reinstalls in place; a new or broken Python rebuilds the virtualenv.
set -euo pipefail
# Newest on PyPI when pinned (`pip index versions moto`). Bumping it reinstalls on every machine at its next run.
MOTO_VERSION=5.2.5
cache="${WHARF_CACHE:-$HOME/.cache/wharf}"
venv="$cache/venv"
stamp="$venv/.wharf-stamp"
python="${WHARF_PYTHON:-python3}"

mkdir -p "$cache"
# The demo and a test run may set up at the same time; they must not install over each other.
exec 9>"$cache/.setup-aws.lock"
flock 9

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1fs", b - a }'; }
t0=$EPOCHREALTIME
pyver=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
want="moto[server]==$MOTO_VERSION python $pyver"

if [[ -f "$stamp" && "$(<"$stamp")" == "$want" && -x "$venv/bin/moto_server" ]] && "$venv/bin/python" -c 'import moto' 2>/dev/null; then
  echo "setup-aws: $want up to date ($(since "$t0"))"
  exit 0
fi
# Anything from here on may be interrupted: without a stamp the next run starts over instead of trusting it.
rm -f "$stamp"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
make_venv() { "$python" -m venv --clear "$venv" >"$cache/venv-create.log" 2>&1; }

if [[ "$("$venv/bin/python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" != "$pyver" ]]; then
  t=$EPOCHREALTIME
  if ! make_venv; then
    # Debian ships venv's pip bootstrap (ensurepip) separately, in python3-venv.
    echo "setup-aws: python3 -m venv failed ($(tail -n 1 "$cache/venv-create.log")); installing python3-venv"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    make_venv || { cat "$cache/venv-create.log" >&2; exit 1; }
  fi
  echo "setup-aws: virtualenv on Python $pyver in $(since "$t")"
fi

t=$EPOCHREALTIME
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off -q "moto[server]==$MOTO_VERSION" >"$cache/pip-install.log" 2>&1; then
  tail -n 30 "$cache/pip-install.log" >&2
  echo "setup-aws: pip could not install moto[server]==$MOTO_VERSION (full log: $cache/pip-install.log)" >&2
  exit 1
fi
echo "setup-aws: moto[server]==$MOTO_VERSION installed in $(since "$t")"
"$venv/bin/python" -c 'import moto.server' || { echo "setup-aws: moto installed but does not import" >&2; exit 1; }
echo "$want" >"$stamp"
echo "setup-aws: ready in $(since "$t0")"
