#!/usr/bin/env bash
# Builds the official mongodb/mongodbatlas provider from its source at a
# pinned tag and caches the binary outside the repository, so the next run
# reuses it. Tests that start from a state the official provider wrote
# (internal/e2e) and benchmarks against it use this binary; none of its code
# is ever copied into this repository. Prints the binary's path on stdout,
# last.
#
#   scripts/build-mongodbatlas.sh [--cached] [VERSION]   (default: $MONGODBATLAS_VERSION or 2.16.0)
#   MONGODBATLAS_CACHE=DIR                    (default: ${XDG_CACHE_HOME:-$HOME/.cache}/atlasaccess/mongodbatlas)
#   MONGODBATLAS_GIT_DIR=DIR                  a git directory of github.com/mongodb/terraform-provider-mongodbatlas
#   ATLAS_SDK_GIT_DIR=DIR                     a git directory of github.com/mongodb/atlas-sdk-go
#
# Without the two git directories the script clones both repositories
# (blobless) into the cache. The binary lands in DIR/VERSION/ under the name
# terraform-provider-mongodbatlas, ready for a dev_overrides entry
# "mongodb/mongodbatlas" = "DIR/VERSION".
#
# With --cached the script only looks in the cache: it prints the cached
# binary's path, or says on stderr why there is none and exits 3. It never
# clones, fetches or builds, so tests call it that way on machines that
# cannot reach GitHub (internal/e2e falls back to a stand-in then).
#
# Why the source needs edits: v2.16.0's go.mod requires
# github.com/mongodb/atlas-sdk-go at a pseudo-version (commit 8093776e0ba0)
# and go.mongodb.org/atlas-sdk/v20250312023 at v20250312023.1.0; when the
# module proxy does not serve one of them, the script replaces it with a
# checkout of atlas-sdk-go: the tag v20250312023.1.0 for the second, and for
# the first the pinned commit if the git directory has it, else
# $ATLAS_SDK_GO_REF (default: ed6063f2, the next commit on the dev-latest
# branch that carries the github.com/mongodb/atlas-sdk-go module path; the
# provider uses only its admin and auth packages). Only the SDK's Go
# packages are taken: its OpenAPI documents are large and not needed to build.
set -euo pipefail

cached_only=false
if [ "${1:-}" = "--cached" ]; then
	cached_only=true
	shift
fi
version=${1:-${MONGODBATLAS_VERSION:-2.16.0}}
version=${version#v}
cache=${MONGODBATLAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atlasaccess/mongodbatlas}
bin="$cache/$version/terraform-provider-mongodbatlas"

if [ -x "$bin" ] && [ -f "$bin.version" ] && [ "$(cat "$bin.version")" = "$version" ]; then
	echo "$bin"
	exit 0
fi
if $cached_only; then
	echo "mongodbatlas $version is not built in $cache (no executable $bin with a matching $bin.version); run scripts/build-mongodbatlas.sh $version once where GitHub is reachable, or give its git directories" >&2
	exit 3
fi

command -v go >/dev/null 2>&1 || { echo "FATAL: go is not installed; building mongodbatlas $version needs it" >&2; exit 1; }
command -v git >/dev/null 2>&1 || { echo "FATAL: git is not installed; building mongodbatlas $version needs it" >&2; exit 1; }

# git_dir VAR URL NAME: the git directory named by $VAR, else a blobless
# bare clone of URL kept in the cache.
git_dir() {
	local given=${!1:-}
	if [ -n "$given" ]; then
		echo "$given"
		return
	fi
	local dir="$cache/git/$3"
	if [ ! -d "$dir" ]; then
		echo "cloning $2 into $dir" >&2
		git clone --quiet --bare --filter=blob:none "$2" "$dir" >&2
	fi
	echo "$dir"
}
provider_git=$(git_dir MONGODBATLAS_GIT_DIR https://github.com/mongodb/terraform-provider-mongodbatlas.git terraform-provider-mongodbatlas)
sdk_git=""

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "building mongodbatlas $version from source (cached in $cache)" >&2
mkdir -p "$work/provider"
git --git-dir="$provider_git" archive "v$version" | tar -x -C "$work/provider"
cd "$work/provider"

# sdk_checkout REF: a directory holding atlas-sdk-go's Go module at REF: its
# go.mod, go.sum and Go package directories only (the OpenAPI documents, some
# under other directories, are large and not needed to build).
sdk_checkout() {
	[ -n "$sdk_git" ] || sdk_git=$(git_dir ATLAS_SDK_GIT_DIR https://github.com/mongodb/atlas-sdk-go.git atlas-sdk-go)
	local dir="$work/atlas-sdk-go-$1" paths=()
	for p in go.mod go.sum LICENSE admin auth internal detectaiagent; do
		git --git-dir="$sdk_git" cat-file -e "$1:$p" 2>/dev/null && paths+=("$p")
	done
	mkdir -p "$dir"
	git --git-dir="$sdk_git" archive "$1" "${paths[@]}" | tar -x -C "$dir"
	echo "$dir"
}

# Each atlas-sdk module the provider requires, replaced by a checkout when
# the module proxy does not serve that version.
while read -r module modversion; do
	if GOFLAGS=-mod=mod go mod download "$module@$modversion" >/dev/null 2>&1; then
		continue
	fi
	case "$module" in
	github.com/mongodb/atlas-sdk-go)
		commit=${modversion##*-}
		ref=${ATLAS_SDK_GO_REF:-ed6063f29882ffa6d829d62917f928ba826791c4}
		[ -n "$sdk_git" ] || sdk_git=$(git_dir ATLAS_SDK_GIT_DIR https://github.com/mongodb/atlas-sdk-go.git atlas-sdk-go)
		if git --git-dir="$sdk_git" cat-file -e "$commit^{commit}" 2>/dev/null; then ref=$commit; fi
		;;
	go.mongodb.org/atlas-sdk/*) ref=$modversion ;;
	*) continue ;;
	esac
	echo "the module proxy lacks $module@$modversion: replacing it with atlas-sdk-go at $ref" >&2
	go mod edit -replace "$module=$(sdk_checkout "$ref")"
done < <(sed -n 's/^[[:space:]]*\(github.com\/mongodb\/atlas-sdk-go\|go.mongodb.org\/atlas-sdk\/v[0-9]*\) \(v[^ ]*\).*/\1 \2/p' go.mod)

mkdir -p "$cache/$version"
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
	-ldflags "-s -w -X github.com/mongodb/terraform-provider-mongodbatlas/version.ProviderVersion=$version" \
	-o "$bin.tmp" .
mv "$bin.tmp" "$bin"
echo "$version" >"$bin.version"
echo "$bin"
