#!/usr/bin/env bash
# Builds the local Kubernetes control plane (kube-apiserver, etcd, kube-controller-manager, kube-scheduler) from the
# Go module in test/env/k8s, and kwok (the fake kubelet), into ${WHARF_CACHE:-~/.cache/wharf}/k8s/bin.
# Idempotent: each part is rebuilt only when what it is built from changed (a stamp holds the hash of its recipe).
# Cold (empty Go module and build caches) it downloads ~0.9 GB of modules and compiles for ~1000 CPU-seconds: about
# 10 minutes on 2 idle cores (36 min measured on a machine shared with other builds). Warm: under a second.
# Needs only Go and the module proxy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${WHARF_CACHE:-$HOME/.cache/wharf}/k8s"
bin="$cache/bin"
mkdir -p "$bin"
command -v go >/dev/null || { echo "setup-k8s: Go is required (https://go.dev/dl, or apt-get install golang)" >&2; exit 1; }
# Two runs at once (the demo and a test run) would overwrite each other's binaries: one builds, the other waits.
exec 9>"$cache/.lock"
flock 9

# kwok v0.8.0 ships no built-in node and pod stages (it exits with "no stages found" unless given Stage configs).
KWOK_VERSION=v0.7.0
K8S_VERSION=$(awk '$1 == "k8s.io/kubernetes" {print $2}' "$here/k8s/go.mod")
minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
# /version reports what the release would: the ldflags a Kubernetes release build sets.
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags="$ldflags -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
components=(kube-apiserver etcd kube-controller-manager kube-scheduler)

# A part is up to date when its stamp matches the hash of everything it is built from and its binaries exist.
fresh() { # stamp-file recipe binaries...
  local stamp=$1 recipe=$2; shift 2
  [[ -f $stamp && "$(cat "$stamp")" == "$recipe" ]] || return 1
  for b in "$@"; do [[ -x $bin/$b ]] || return 1; done
}

kube_recipe=$( { cat "$here/k8s/go.mod" "$here/k8s/go.sum" "$here"/k8s/cmd/*/main.go; echo "$ldflags ${components[*]}"; } | sha256sum | cut -d' ' -f1)
kwok_recipe="kwok-$KWOK_VERSION"
rm -f "$cache/stamp" # the single stamp of earlier versions of this script
t0=$SECONDS
if fresh "$cache/stamp-kube" "$kube_recipe" "${components[@]}"; then
  echo "setup-k8s: Kubernetes $K8S_VERSION up to date"
else
  echo "setup-k8s: building ${components[*]} $K8S_VERSION (cold: many minutes on 2 cores)"
  t=$SECONDS
  (cd "$here/k8s" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin/" "${components[@]/#/./cmd/}")
  echo "$kube_recipe" > "$cache/stamp-kube"
  echo "setup-k8s: Kubernetes built in $((SECONDS - t))s"
fi
if fresh "$cache/stamp-kwok" "$kwok_recipe" kwok; then
  echo "setup-k8s: kwok $KWOK_VERSION up to date"
else
  echo "setup-k8s: building kwok $KWOK_VERSION"
  t=$SECONDS
  # Outside the module: kwok is installed at its own release with its own go.mod.
  (cd "$cache" && GOBIN="$bin" CGO_ENABLED=0 GOFLAGS= go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION")
  echo "$kwok_recipe" > "$cache/stamp-kwok"
  echo "setup-k8s: kwok built in $((SECONDS - t))s"
fi
echo "setup-k8s: ready in $((SECONDS - t0))s ($bin)"
