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
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
module="${MODULE_DIR:-examples/modules/project-access}"
case "$module" in /*) ;; *) module="$root/$module" ;; esac

step "Building the provider and the simulator"
mkdir -p "$work/bin"
(cd "$root" && go build -o "$work/bin/terraform-provider-atlasaccess" . && go build -o "$work/bin/atlassim" ./cmd/atlassim)

step "Starting atlassim"
start_atlassim "$work/bin/atlassim"
echo "simulator at $MONGODB_ATLAS_BASE_URL, projects $ATLASSIM_PROJECT_ID and $ATLASSIM_PROJECT2_ID"

use_dev_override "$work/bin"
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
requests_summary
echo
echo "module test finished"
