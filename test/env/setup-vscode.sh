#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests and the demo: code-server (VS Code's own workbench and Node
# extension host) from npm, with Debian's chromium driven by playwright-core. VS Code's own download servers are
# out of reach here, so @vscode/test-electron runs the tests through code-server (see test/env/code-launcher.ts).
# Idempotent: a warm run takes about a second.
set -euo pipefail
CODE_SERVER_VERSION=4.100.3   # bundles VS Code 1.100.3, the newest that runs on Node 20
RG_CACHE_VERSION=1.15.11      # the @vscode/ripgrep release code-server 4.100.3 asks for
cache="${WHARF_CACHE:-$HOME/.cache/wharf}/code-server"
stamp="$cache/stamp"
# Native modules (node-pty, kerberos ...) are built for one Node ABI: a new Node major means a reinstall.
want="$CODE_SERVER_VERSION node-abi-$(node -p process.versions.modules)"
t0=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - t0) / 1000000 )) ms"; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in build-essential python3 pkg-config libkrb5-dev ripgrep chromium; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup-vscode: apt-get install ${missing[*]}"
  # Once, and only when something is missing: the package lists may be absent or stale on a new machine.
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$cache/node_modules/.bin/code-server" ]]; then
  echo "setup-vscode: code-server $CODE_SERVER_VERSION up to date ($(elapsed))"
  exit 0
fi

# Another version or Node ABI: start over, since npm would keep the installed package and its native builds.
[[ -f "$stamp" ]] && rm -rf "$cache/node_modules" "$cache/package-lock.json" "$stamp"
mkdir -p "$cache"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# @vscode/ripgrep downloads rg from GitHub unless its cache already holds the tarball: give it Debian's rg.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_CACHE_VERSION"
mkdir -p "$rg_cache" "$scratch/rg"
cp "$(command -v rg)" "$scratch/rg/rg"
tar -czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$scratch/rg" rg

echo "setup-vscode: npm install code-server@$CODE_SERVER_VERSION (about a minute)"
(
  cd "$cache"
  [[ -f package.json ]] || echo '{"name":"wharf-code-server","private":true}' > package.json
  # code-server and its native modules build in install scripts, which npm 11 skips unless allowed: this private
  # folder holds code-server alone, so allow them all here. node-pty's install runs `npx node-gyp` (yes), and
  # code-server's postinstall refuses root without unsafe-perm; XDG folders keep it from writing to $HOME.
  XDG_CONFIG_HOME="$scratch/xdg-config" XDG_DATA_HOME="$scratch/xdg-data" XDG_CACHE_HOME="$scratch/xdg-cache" \
  npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund --save-exact --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$scratch/npm.log" 2>&1 \
    || { tail -40 "$scratch/npm.log" >&2; echo "setup-vscode: code-server install failed" >&2; exit 1; }
)
"$cache/node_modules/.bin/code-server" --version >/dev/null
echo "$want" > "$stamp"
echo "setup-vscode: code-server $CODE_SERVER_VERSION ready ($(elapsed))"
