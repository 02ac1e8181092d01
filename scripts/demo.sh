#!/usr/bin/env bash
# make demo: build the provider, start the local Atlas simulator, apply
# examples/demo with a dev_overrides CLI config, show the outputs, prove the
# next plan is empty, destroy, and stop the simulator. Needs only go and
# terraform; no cloud account and no registry access.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "Building the provider and the simulator"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/terraform-provider-atlasaccess" . && go build -o "$work/bin/atlassim" ./cmd/atlassim)

step "Starting atlassim"
# -env-file appears, complete, once the simulator listens; it holds one
# credential set (a service account's client ID and secret).
"$work/bin/atlassim" -listen 127.0.0.1:0 -requests-log "$work/requests.log" -env-file "$work/sim.env" >/dev/null 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
	[ -f "$work/sim.env" ] && break
	kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; exit 1; }
	sleep 0.1
done
[ -f "$work/sim.env" ] || { echo "FAIL: atlassim did not start within 10 s" >&2; cat "$work/sim.err" >&2; exit 1; }
# Credentials from the caller's own environment would be a second set.
unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY MONGODB_ATLAS_PUBLIC_API_KEY MONGODB_ATLAS_PRIVATE_API_KEY MONGODB_ATLAS_ACCESS_TOKEN
# shellcheck disable=SC1091
. "$work/sim.env"
echo "simulator at $MONGODB_ATLAS_BASE_URL, project $ATLASSIM_PROJECT_ID"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "atlasaccess/atlasaccess" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export TF_VAR_project_id="$ATLASSIM_PROJECT_ID"
cp "$root"/examples/demo/*.tf "$work/"
cd "$work"

# run LABEL COMMAND...: runs a terraform command into a log and stops the demo,
# showing the whole log, when it fails.
run() {
	local label="$1"; shift
	if ! "$@" >"$work/$label.txt" 2>&1; then
		cat "$work/$label.txt" >&2
		echo "FAIL: terraform $label failed" >&2
		exit 1
	fi
}
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
awk -F'"method":"' '{split($2,a,"\""); m[a[1]]++} END {for (k in m) printf "  %-6s %d\n", k, m[k]}' "$work/requests.log" | sort
echo
echo "demo finished"
