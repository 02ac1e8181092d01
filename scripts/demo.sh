#!/usr/bin/env bash
# make demo: build the provider, start the local Atlas simulator, apply
# examples/demo with a dev_overrides CLI config, show the outputs, prove the
# next plan is empty, destroy, and stop the simulator. Needs only go and
# terraform; no cloud account and no registry access.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

step "Building the provider and the simulator"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/terraform-provider-atlasaccess" . && go build -o "$work/bin/atlassim" ./cmd/atlassim)

step "Starting atlassim"
start_atlassim "$work/bin/atlassim" -listen 127.0.0.1:0
echo "simulator at $MONGODB_ATLAS_BASE_URL, organization $ATLASSIM_ORG_ID, project $ATLASSIM_PROJECT_ID"

use_dev_override "$work/bin"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
demo_vars
cp "$root"/examples/demo/*.tf "$work/"
cd "$work"

# Shows a log without the dev_overrides warning, which every command prints.
show() {
	grep -v -e 'Provider development overrides' -e '^ - atlasaccess/atlasaccess in' -e 'The behavior may therefore' \
		-e 'applying changes may cause' -e 'published releases.' -e '^│ Warning: Provider development overrides are in effect' "$@" || true
}

step "terraform apply"
run apply terraform apply -auto-approve -input=false -no-color
show "$work/apply.txt"

step "Outputs (the plaintext secret stays in state, marked sensitive)"
terraform output -no-color

step "Second plan (must show no changes)"
set +e
terraform plan -detailed-exitcode -input=false -no-color >"$work/plan.txt" 2>&1
code=$?
set -e
grep -E 'No changes|Plan:' "$work/plan.txt" || true
if [ "$code" -ne 0 ]; then echo "FAIL: the second plan is not empty (exit $code)" >&2; cat "$work/plan.txt" >&2; exit 1; fi

step "terraform destroy"
run destroy terraform destroy -auto-approve -input=false -no-color
grep -E 'Destroy complete' "$work/destroy.txt"

step "Requests the simulator served"
requests_summary
echo
echo "demo finished"
