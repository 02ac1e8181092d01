# shellcheck shell=bash
# Sourced by demo.sh, module-test.sh and release-mirror.sh: what each needs to
# run Terraform against a local atlassim in a throwaway directory. It sets
# root (the repository) and work (removed on exit, after the simulator is
# stopped; KEEP_WORK=1 keeps it).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
	if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# start_atlassim BINARY [FLAGS...]: starts the simulator with a request log in
# work, waits for its environment file (it appears, complete, once the
# simulator listens, and holds one credential set) and loads it. Credentials
# from the caller's own environment would be a second set: they are unset.
start_atlassim() {
	"$@" -requests-log "$work/requests.log" -env-file "$work/sim.env" >/dev/null 2>"$work/sim.err" &
	sim_pid=$!
	for _ in $(seq 1 100); do
		[ -f "$work/sim.env" ] && break
		kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; exit 1; }
		sleep 0.1
	done
	[ -f "$work/sim.env" ] || { cat "$work/sim.err" >&2; fail "atlassim did not start within 10 s"; }
	unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY MONGODB_ATLAS_PUBLIC_API_KEY MONGODB_ATLAS_PRIVATE_API_KEY MONGODB_ATLAS_ACCESS_TOKEN
	# shellcheck disable=SC1091
	. "$work/sim.env"
}

# use_dev_override DIR: later terraform commands take the atlasaccess
# provider from DIR, through a dev_overrides CLI configuration in work (the
# user's own CLI configuration is never read or touched).
# demo_vars exports the input variables examples/demo declares, from what
# start_atlassim exported: the project, the organization, and the database
# user's password (random, given to Terraform through the environment as
# an ephemeral variable, never printed).
demo_vars() {
	export TF_VAR_project_id="$ATLASSIM_PROJECT_ID" TF_VAR_org_id="$ATLASSIM_ORG_ID"
	TF_VAR_orders_db_password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
	export TF_VAR_orders_db_password
}

use_dev_override() {
	printf 'provider_installation {\n  dev_overrides {\n    "atlasaccess/atlasaccess" = "%s"\n  }\n  direct {}\n}\n' "$1" >"$work/terraformrc"
	export TF_CLI_CONFIG_FILE="$work/terraformrc"
}

# run LABEL COMMAND...: runs a terraform command into work/LABEL.txt and
# stops the script, showing the whole log, when it fails.
run() {
	local label="$1"; shift
	if ! "$@" >"$work/$label.txt" 2>&1; then
		cat "$work/$label.txt" >&2
		fail "terraform $label failed"
	fi
}

# requests_summary: the requests the simulator served, by method.
requests_summary() {
	awk -F'"method":"' '{split($2,a,"\""); m[a[1]]++} END {for (k in m) printf "  %-6s %d\n", k, m[k]}' "$work/requests.log" | sort
}
