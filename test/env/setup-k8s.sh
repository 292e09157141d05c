#!/usr/bin/env bash
# Builds the local Kubernetes control plane (kube-apiserver, etcd, kube-controller-manager, kube-scheduler) from the Go module in
# test/env/k8s, and kwok (the fake kubelet), into ${WHARF_CACHE:-~/.cache/wharf}/k8s/bin. Rebuilds only when the
# module or the mains change. A cold build takes many minutes on 2 cores; warm runs take a second.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${WHARF_CACHE:-$HOME/.cache/wharf}/k8s"
bin="$cache/bin"
mkdir -p "$bin"
command -v go >/dev/null || { echo "setup-k8s: Go is required (https://go.dev/dl, or apt-get install golang)" >&2; exit 1; }

KWOK_VERSION=v0.7.0
K8S_VERSION=$(awk '$1 == "k8s.io/kubernetes" {print $2}' "$here/k8s/go.mod")
stamp_want=$(cat "$here/k8s/go.mod" "$here/k8s/go.sum" "$here"/k8s/cmd/*/main.go "$0" | sha256sum | cut -d' ' -f1)-$KWOK_VERSION
stamp="$cache/stamp"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$stamp_want" && -x "$bin/kube-apiserver" && -x "$bin/etcd" && -x "$bin/kube-controller-manager" && -x "$bin/kube-scheduler" && -x "$bin/kwok" ]]; then
  echo "setup-k8s: up to date ($K8S_VERSION)"
  exit 0
fi

t0=$SECONDS
minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
ldflags="$ldflags -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
cd "$here/k8s"
echo "setup-k8s: building kube-apiserver, etcd, kube-controller-manager, kube-scheduler $K8S_VERSION (cold: several minutes)"
GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin/" ./cmd/kube-apiserver ./cmd/etcd ./cmd/kube-controller-manager ./cmd/kube-scheduler
echo "setup-k8s: building kwok $KWOK_VERSION"
GOBIN="$bin" CGO_ENABLED=0 GOFLAGS= go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
echo "$stamp_want" > "$stamp"
echo "setup-k8s: built in $((SECONDS - t0))s"
