#!/usr/bin/env bash
# make release-mirror: install the provider the way a user installs a
# release, not through dev_overrides. goreleaser (the pinned binary in
# GORELEASER) builds a snapshot release of .goreleaser.yml for this platform
# only; its zip is checked against the release's SHA256SUMS and laid out as a
# Terraform filesystem mirror (packed layout); a CLI configuration that uses
# only that mirror for atlasaccess/atlasaccess, and no dev_overrides, lets
# terraform init install it, which verifies the zip and records its checksum
# in .terraform.lock.hcl; then examples/demo is planned, applied, planned
# again (no changes) and destroyed against a local atlassim.
#
# What it proves: the archive's name is the one Terraform's mirror layout
# expects (terraform-provider-TYPE_VERSION_OS_ARCH.zip), the binary inside it
# is found and speaks the protocol the registry manifest announces, and the
# manifest and the zip are both in SHA256SUMS under the names the Registry
# expects. Signing is skipped (no key here) and so are goreleaser's before
# hooks (go mod tidy must not rewrite go.mod of a working tree).
set -euo pipefail
goreleaser="${GORELEASER:?set GORELEASER to the pinned goreleaser binary (make release-mirror does)}"
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

os="$(go env GOOS)" arch="$(go env GOARCH)"
case "$arch" in
	amd64) target="${os}_${arch}_v1" ;;
	arm) target="${os}_${arch}_6" ;;
	*) target="${os}_${arch}" ;;
esac

step "goreleaser: a snapshot release of .goreleaser.yml for $target only"
# The repository's configuration with two changes: one build target instead
# of the release matrix, and dist/ in the temporary directory (the working
# tree's dist/ is left alone). Archives, checksums and the manifest are as
# configured.
awk -v target="$target" -v dist="$work/dist" '
	/^builds:/ { inbuilds = 1 }
	/^[a-z]/ && !/^builds:/ { inbuilds = 0 }
	inbuilds && /^    goos:/ && !done { print "    targets: [\"" target "\"]"; done = 1 }
	{ print }
	END { print "dist: " dist; if (!done) exit 1 }
' "$root/.goreleaser.yml" >"$work/goreleaser.yml" || fail "no builds[0].goos in .goreleaser.yml to put the single target before"
(cd "$root" && "$goreleaser" release --snapshot --clean --skip=sign,before -f "$work/goreleaser.yml") >"$work/goreleaser.log" 2>&1 ||
	{ cat "$work/goreleaser.log" >&2; fail "goreleaser release --snapshot failed"; }
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$work/dist/metadata.json")
[ -n "$version" ] || fail "no version in dist/metadata.json"
echo "version $version"

dist="$work/dist"
zip_name="terraform-provider-atlasaccess_${version}_${os}_${arch}.zip"
sums="$dist/terraform-provider-atlasaccess_${version}_SHA256SUMS"
manifest="terraform-provider-atlasaccess_${version}_manifest.json"
ls "$dist"/*.zip
[ -f "$dist/$zip_name" ] || fail "goreleaser made no $zip_name: the archive name is not what Terraform's mirror layout expects"
[ -f "$sums" ] || fail "no $(basename "$sums")"

step "SHA256SUMS: the zip and the registry manifest"
for f in "$zip_name" "$manifest"; do
	grep -q "  $f\$" "$sums" || fail "$f is not in $(basename "$sums")"
done
# The manifest is a release asset beside the archives, which the Registry
# reads there: the release step (skipped for a snapshot) uploads the
# repository's file under this name, so that file must match its checksum.
cp "$root/terraform-registry-manifest.json" "$dist/$manifest"
(cd "$dist" && sha256sum --check --ignore-missing --strict "$(basename "$sums")") || fail "a checksum in $(basename "$sums") does not match"
zip_sum=$(awk -v f="$zip_name" '$2 == f {print $1}' "$sums")
protocols=$(tr -d ' \n' <"$root/terraform-registry-manifest.json" | sed -n 's/.*"protocol_versions":\[\([^]]*\)\].*/\1/p')
[ "$protocols" = '"6.0"' ] || fail "the registry manifest announces protocol versions $protocols; the provider serves protocol 6 only"
unzip -l "$dist/$zip_name"
unzip -Z1 "$dist/$zip_name" | grep -qx "terraform-provider-atlasaccess_v$version" ||
	fail "the zip does not hold terraform-provider-atlasaccess_v$version"

step "Filesystem mirror (packed layout) and a CLI configuration without dev_overrides"
mirror="$work/mirror"
mkdir -p "$mirror/registry.terraform.io/atlasaccess/atlasaccess"
cp "$dist/$zip_name" "$mirror/registry.terraform.io/atlasaccess/atlasaccess/"
find "$mirror" -type f | sed "s|^$mirror/|  |"
cat >"$work/terraformrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/atlasaccess/atlasaccess"]
  }
  direct {
    exclude = ["registry.terraform.io/atlasaccess/atlasaccess"]
  }
}
CFG
cat "$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_PLUGIN_CACHE_DIR TF_LOG TF_LOG_PATH TF_LOG_PROVIDER

step "Starting atlassim"
(cd "$root" && go build -o "$work/atlassim" ./cmd/atlassim)
start_atlassim "$work/atlassim"
demo_vars

# The demo as it is, plus an override file that asks for this exact version:
# Terraform never picks a prerelease (a snapshot's version) unless the
# constraint names it.
mkdir "$work/demo"
cp "$root"/examples/demo/*.tf "$work/demo/"
cat >"$work/demo/versions_override.tf" <<TF
terraform {
  required_providers {
    atlasaccess = {
      source  = "atlasaccess/atlasaccess"
      version = "$version"
    }
  }
}
TF
cd "$work/demo"

# lock FILE HASH: a dependency lock file that allows this version with one
# checksum, as a lock file made from the Registry holds the zh: checksums of
# the release's SHA256SUMS.
lock() {
	printf 'provider "registry.terraform.io/atlasaccess/atlasaccess" {\n  version = "%s"\n  hashes = [\n    "%s",\n  ]\n}\n' "$version" "$2" >"$1"
}

step "terraform init refuses the mirror's zip when the lock file's checksum is another"
lock .terraform.lock.hcl "zh:$(sha256sum "$dist/$manifest" | cut -c1-64)"
if terraform init -input=false -no-color >"$work/init-wrong.txt" 2>&1; then
	cat "$work/init-wrong.txt" >&2
	fail "terraform init installed a zip whose checksum is not in the lock file"
fi
grep -q "doesn't match any of the checksums previously recorded" "$work/init-wrong.txt" ||
	{ cat "$work/init-wrong.txt" >&2; fail "terraform init failed for another reason than the checksum"; }
echo "refused: the zip does not match the checksum in the lock file"
rm -rf .terraform

step "terraform init from the mirror, against the zip's checksum from SHA256SUMS"
lock .terraform.lock.hcl "zh:$zip_sum"
run init terraform init -input=false -no-color
cat "$work/init.txt"
grep -q "Installed atlasaccess/atlasaccess v$version (unauthenticated)" "$work/init.txt" ||
	fail "terraform init did not install atlasaccess/atlasaccess v$version from the mirror"
if grep -qi 'development overrides' "$work/init.txt"; then fail "dev_overrides are in effect"; fi
grep -q "\"zh:$zip_sum\"" .terraform.lock.hcl && grep -q '"h1:' .terraform.lock.hcl ||
	{ cat .terraform.lock.hcl >&2; fail "the lock file lost the zip's checksum or lacks the h1: hash of the unpacked provider"; }
cat .terraform.lock.hcl

step "terraform plan and apply against atlassim"
TF_LOG=debug TF_LOG_PATH="$work/plan-debug.log" run plan terraform plan -input=false -no-color -out="$work/tfplan"
# Terraform's handshake log names the protocol the installed binary speaks.
grep -q 'using plugin: version=6' "$work/plan-debug.log" || fail "the provider from the archive did not negotiate protocol 6"
echo "the provider from the archive speaks protocol 6"
run apply terraform apply -input=false -no-color "$work/tfplan"
grep -E 'Apply complete' "$work/apply.txt"
terraform output -no-color client_id

step "Second plan (must show no changes)"
set +e
terraform plan -detailed-exitcode -input=false -no-color >"$work/plan2.txt" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || { cat "$work/plan2.txt" >&2; fail "the second plan is not empty (exit $code)"; }
grep -E 'No changes' "$work/plan2.txt"

step "terraform destroy"
run destroy terraform destroy -auto-approve -input=false -no-color
grep -E 'Destroy complete' "$work/destroy.txt"
echo
echo "release mirror finished: $zip_name installed from a filesystem mirror, applied and destroyed"
