#!/usr/bin/env bash
# Builds a pinned Terraform CLI from its Go module (the module proxy serves
# github.com/hashicorp/terraform by exact version) and caches the binary
# outside the repository, so the next run reuses it. Prints the binary's path
# on stdout, last.
#
#   scripts/build-terraform.sh [VERSION]     (default: $TERRAFORM_CURRENT_VERSION or 1.16.4)
#   TERRAFORM_CACHE=DIR                      (default: ${XDG_CACHE_HOME:-$HOME/.cache}/atlasaccess/terraform)
#
# Why the source needs two edits: the module's go.mod replaces ten nested
# modules with directories that the module archive does not contain (nine
# remote-state backends and internal/legacy), so `go install ...@vX` refuses
# it. The script drops those require and replace lines and the nine backend
# registrations in internal/backend/init/init.go. The CLI it builds keeps the
# local, remote, cloud, http and inmem backends, which is all a test needs.
# -X .../version.dev=no makes it report a release version, not "-dev".
set -euo pipefail

version=${1:-${TERRAFORM_CURRENT_VERSION:-1.16.4}}
version=${version#v}
cache=${TERRAFORM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atlasaccess/terraform}
bin="$cache/$version/terraform"

# The version is read whole, not through a pipe that grep -q could close
# early (under pipefail, a broken pipe would mean a needless rebuild).
if [ -x "$bin" ] && cached=$("$bin" version 2>/dev/null) && [ "${cached%%$'\n'*}" = "Terraform v$version" ]; then
	echo "$bin"
	exit 0
fi

command -v go >/dev/null 2>&1 || { echo "FATAL: go is not installed; building Terraform $version needs it" >&2; exit 1; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building Terraform $version from its Go module (cached in $cache)" >&2
src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "github.com/hashicorp/terraform@v$version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "FATAL: the module proxy did not serve github.com/hashicorp/terraform@v$version" >&2; exit 1; }
cp -R "$src" "$work/terraform"
chmod -R u+w "$work/terraform"
cd "$work/terraform"

backends="azure consul cos gcs kubernetes oci oss pg s3"
for b in $backends; do
	sed -i "\#github.com/hashicorp/terraform/internal/backend/remote-state/$b #d" go.mod
done
sed -i '\#github.com/hashicorp/terraform/internal/legacy #d' go.mod

init=internal/backend/init/init.go
for b in Azure Consul Cos GCS Kubernetes OCI OSS Pg S3; do
	sed -i "/^[[:space:]]*backend$b \"/d; /backend$b\.New()/d" "$init"
done
if grep -q 'remote-state/\(azure\|consul\|cos\|gcs\|kubernetes\|oci\|oss\|pg\|s3\)"' "$init"; then
	echo "FATAL: $init still imports a removed backend; this script does not know Terraform $version's layout" >&2
	exit 1
fi

mkdir -p "$cache/$version"
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
	-ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" \
	-o "$bin.tmp" .
mv "$bin.tmp" "$bin"
built=$("$bin" version)
echo "${built%%$'\n'*}" >&2
echo "$bin"
