#!/usr/bin/env bash
# make module-test: run the terraform test files of a module against a local
# atlassim, the way the README's "Testing your own modules offline" section
# shows: build the provider and the simulator, start the simulator, point
# Terraform at the provider with a dev_overrides CLI configuration (in a
# temporary directory: the user's own CLI configuration is never read or
# touched), run terraform test in the module directory, stop the simulator.
#
# MODULE_DIR (default examples/modules/project-access, relative to the
# repository root or absolute) is the module; its
# variables home_project_id and extra_project_ids get the simulator's two
# projects. Runs whose name starts with no_changes must print "No changes."
# in terraform test -verbose output: terraform test cannot assert an empty
# plan itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="${MODULE_DIR:-examples/modules/project-access}"
case "$module" in /*) ;; *) module="$root/$module" ;; esac
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
"$work/bin/atlassim" -requests-log "$work/requests.log" -env-file "$work/sim.env" >/dev/null 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
	[ -f "$work/sim.env" ] && break
	kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; exit 1; }
	sleep 0.1
done
[ -f "$work/sim.env" ] || { echo "FAIL: atlassim did not start within 10 s" >&2; cat "$work/sim.err" >&2; exit 1; }
# The environment file holds one credential set; any other from the caller's
# environment would be a second one.
unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY MONGODB_ATLAS_PUBLIC_API_KEY MONGODB_ATLAS_PRIVATE_API_KEY MONGODB_ATLAS_ACCESS_TOKEN
# shellcheck disable=SC1091
. "$work/sim.env"
echo "simulator at $MONGODB_ATLAS_BASE_URL, projects $ATLASSIM_PROJECT_ID and $ATLASSIM_PROJECT2_ID"

printf 'provider_installation {\n  dev_overrides {\n    "atlasaccess/atlasaccess" = "%s"\n  }\n  direct {}\n}\n' "$work/bin" >"$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_LOG TF_LOG_PATH TF_LOG_PROVIDER

step "terraform test in ${module#"$root"/}"
cd "$module"
set +e
terraform test -verbose -no-color \
	-var home_project_id="$ATLASSIM_PROJECT_ID" \
	-var extra_project_ids="[\"$ATLASSIM_PROJECT2_ID\"]" >"$work/test.log" 2>&1
code=$?
set -e
# The summary lines: the file, each run, the result.
grep -E '^(tests/|[^ ].*\.tftest\.hcl|  run "|Success!|Failure!)' "$work/test.log" || true
if [ "$code" -ne 0 ]; then
	cat "$work/test.log" >&2
	echo "FAIL: terraform test failed (exit $code)" >&2
	exit 1
fi

# Each no_changes* run's verbose output is its plan: it must say "No changes.".
bad=$(awk '
	/^  run "/ { if (name != "" && !ok) print name; name = ""; ok = 0 }
	/^  run "no_changes[^"]*"\.\.\. / { name = $2; sub(/\.\.\..*/, "", name) }
	name != "" && /^No changes\. Your infrastructure matches the configuration\./ { ok = 1 }
	/tearing down/ { if (name != "" && !ok) print name; name = "" }
	END { if (name != "" && !ok) print name }
' "$work/test.log")
runs=$(grep -c '^  run "no_changes' "$work/test.log" || true)
if [ "$runs" -eq 0 ]; then echo "FAIL: no run named no_changes* in the test files" >&2; exit 1; fi
if [ -n "$bad" ]; then
	cat "$work/test.log" >&2
	echo "FAIL: these runs planned changes right after an apply: $bad" >&2
	exit 1
fi
echo "$runs no_changes run(s) planned no changes"

step "Requests the simulator served"
awk -F'"method":"' '{split($2,a,"\""); m[a[1]]++} END {for (k in m) printf "  %-6s %d\n", k, m[k]}' "$work/requests.log" | sort
echo
echo "module test finished"
