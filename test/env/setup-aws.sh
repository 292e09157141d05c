#!/usr/bin/env bash
# Installs the local AWS emulator: moto in server mode, in a project-owned virtualenv under
# ${WHARF_CACHE:-~/.cache/wharf}/venv (botocore comes with it and is the tests' independent SigV4 oracle).
set -euo pipefail
MOTO_VERSION=5.2.5
venv="${WHARF_CACHE:-$HOME/.cache/wharf}/venv"
stamp="$venv/.wharf-stamp"
t0=$SECONDS
if [[ -f "$stamp" && "$(cat "$stamp")" == "$MOTO_VERSION" && -x "$venv/bin/moto_server" ]]; then
  echo "setup-aws: moto $MOTO_VERSION up to date"
  exit 0
fi
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! python3 -m venv "$venv" >/dev/null 2>&1; then
  # Debian splits venv support out of python3.
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
echo "$MOTO_VERSION" > "$stamp"
echo "setup-aws: moto $MOTO_VERSION installed in $((SECONDS - t0))s"
