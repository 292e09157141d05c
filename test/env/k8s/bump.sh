#!/usr/bin/env bash
# Moves the test control plane to another Kubernetes release: `bash test/env/k8s/bump.sh v1.Y.Z`.
# k8s.io/kubernetes is not meant to be imported: its go.mod lists its staging modules (k8s.io/api, k8s.io/apiserver,
# ...) at v0.0.0 and points them at ./staging. So this requires k8s.io/kubernetes@v1.Y.Z and adds a replace to
# v0.Y.Z for every module its go.mod lists at v0.0.0, read from that go.mod rather than typed by hand, then tidies.
# Then run test/env/setup-k8s.sh (it rebuilds because go.mod changed) and the kube integration tests.
set -euo pipefail
cd "$(dirname "$0")"
version=${1:?usage: bump.sh v1.Y.Z (a k8s.io/kubernetes release; see go list -m -versions k8s.io/kubernetes)}
[[ $version =~ ^v1\.([0-9]+)\.([0-9]+)$ ]] || { echo "bump.sh: $version is not a v1.Y.Z release" >&2; exit 2; }
staging="v0.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
export GOFLAGS=-mod=mod

upstream_mod=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
[[ -f $upstream_mod ]] || { echo "bump.sh: could not download k8s.io/kubernetes@$version" >&2; exit 1; }
mapfile -t modules < <(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" { print $1 }' "$upstream_mod" | sort -u)
(( ${#modules[@]} > 0 )) || { echo "bump.sh: no v0.0.0 staging modules in $upstream_mod" >&2; exit 1; }

# Start from no replaces, so a staging module that a release dropped does not linger; write one replace block.
awk '/^replace \($/ { skip = 1; next } skip && /^\)$/ { skip = 0; next } skip || /^replace / { next } { print }' go.mod > go.mod.tmp
{
  cat go.mod.tmp
  echo 'replace ('
  for m in "${modules[@]}"; do printf '\t%s => %s %s\n' "$m" "$m" "$staging"; done
  echo ')'
} > go.mod
rm go.mod.tmp
go mod edit -require="k8s.io/kubernetes@$version" -require="k8s.io/component-base@$staging"
go mod tidy
echo "bump.sh: k8s.io/kubernetes $version with ${#modules[@]} staging modules at $staging ($(go env GOVERSION))"
