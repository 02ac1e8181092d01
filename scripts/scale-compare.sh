#!/usr/bin/env bash
# make scale-compare N=300: the same configuration and phases with this
# provider and with the official mongodb/mongodbatlas provider (v2.16.0,
# built from its public source by scripts/build-mongodbatlas.sh, outside this
# module's dependency graph), each against a fresh local atlassim started with
# the same flags: N project service accounts, N/4 assignments of them to a
# second project and N/4 people added to the first project, applied in one
# apply, then a no-change plan, a refresh (apply -refresh-only) and a destroy,
# -parallelism=10. Prints, per phase, the wall time and the requests the
# simulator served (total, per resource, 429 answers) for each provider and
# the ratios ours/theirs; then the same again, with RATE_N accounts, under
# atlassim's -api-rate-limit RATE.
#
#   scripts/scale-compare.sh [N]     (default 300)
#   RATE_N=N        accounts of the rate-limited run (default N/3; 0 skips it;
#                   N=0 runs only the rate-limited run)
#   RATE=C/I        the token bucket of the rate-limited run (default 100/60s)
#   PHASE_CAP=S     a rate-limited phase is stopped (SIGINT) after S seconds
#                   and reported with the requests it made (default 600)
#   PARALLELISM     Terraform's -parallelism (default 10)
#
# The pairs of resources compared (same arguments on both sides):
#   atlasaccess_project_service_account            mongodbatlas_project_service_account
#   atlasaccess_project_service_account_assignment mongodbatlas_service_account_project_assignment
#   atlasaccess_project_user_invite                mongodbatlas_cloud_user_project_assignment
# The last pair both call POST /groups/{groupId}/users (an invitation until the
# person accepts). Both providers come from dev_overrides, never a registry.
set -euo pipefail
N="${1:-300}"
RATE_N="${RATE_N:-$((N / 3))}"
RATE="${RATE:-100/60s}"
PHASE_CAP="${PHASE_CAP:-600}"
PARALLELISM="${PARALLELISM:-10}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/fleet.sh
. "$root/scripts/fleet.sh"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
	if [ -n "${KEEP_WORK:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

official_bin="$("$root/scripts/build-mongodbatlas.sh" | tail -1)"
mkdir -p "$work/bin"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/bin/terraform-provider-atlasaccess" . &&
	go build -o "$work/atlassim" ./cmd/atlassim)

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "atlasaccess/atlasaccess" = "$work/bin"
    "mongodb/mongodbatlas"    = "$(dirname "$official_bin")"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# start_sim DIR LISTEN FLAGS...: atlassim on DIR/state.json (a fresh store
# the first time) with its request log in DIR; loads its environment (base
# URL, one client ID and secret, fixture IDs). A restart on the same state
# and address serves the same objects and credentials with full buckets.
start_sim() {
	local dir="$1" listen="$2"; shift 2
	rm -f "$dir/sim.env"
	"$work/atlassim" -listen "$listen" -state "$dir/state.json" -requests-log "$dir/requests.log" -env-file "$dir/sim.env" -invite-rate-limit -1 "$@" >/dev/null 2>"$dir/sim.err" &
	sim_pid=$!
	for _ in $(seq 1 100); do
		[ -f "$dir/sim.env" ] && break
		kill -0 "$sim_pid" 2>/dev/null || { cat "$dir/sim.err" >&2; exit 1; }
		sleep 0.1
	done
	unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY MONGODB_ATLAS_PUBLIC_API_KEY MONGODB_ATLAS_PRIVATE_API_KEY MONGODB_ATLAS_ACCESS_TOKEN
	# shellcheck disable=SC1091
	. "$dir/sim.env"
	unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY
}
stop_sim() { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; sim_pid=""; }

# write_config DIR PROVIDER N: the measured root module.
write_config() {
	local dir="$1" provider="$2" n="$3" a=$(($3 / 4))
	if [ "$provider" = atlasaccess ]; then
		write_atlasaccess_provider "$dir/provider.tf"
		write_fleet "$dir/main.tf" "$n" "$a"
	else
		cat >"$dir/main.tf" <<HCL
terraform {
  required_providers {
    mongodbatlas = { source = "mongodb/mongodbatlas" }
  }
}

provider "mongodbatlas" {
  base_url      = "$MONGODB_ATLAS_BASE_URL/"
  client_id     = "$MONGODB_ATLAS_CLIENT_ID"
  client_secret = "$MONGODB_ATLAS_CLIENT_SECRET"
}

resource "mongodbatlas_project_service_account" "sa" {
  count                      = $n
  project_id                 = "$ATLASSIM_PROJECT_ID"
  name                       = "scale \${count.index}"
  description                = "Scale test account"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 720
}

resource "mongodbatlas_service_account_project_assignment" "as" {
  count      = $a
  project_id = "$ATLASSIM_PROJECT2_ID"
  client_id  = mongodbatlas_project_service_account.sa[count.index].client_id
  roles      = ["GROUP_READ_ONLY"]
}

resource "mongodbatlas_cloud_user_project_assignment" "inv" {
  count      = $a
  project_id = "$ATLASSIM_PROJECT_ID"
  username   = "scale-user-\${count.index}@example.com"
  roles      = ["GROUP_READ_ONLY"]
}
HCL
	fi
}

# measure DIR KEY CAP ARGS...: runs terraform ARGS in DIR (stopped with
# SIGINT after CAP seconds when CAP is not 0) and records in results[KEY] "wall requests GETs 429s
# status", status being ok, failed or stopped.
declare -A results=()
measure() {
	local dir="$1" key="$2" cap="$3"; shift 3
	local before start end status=ok rc=0
	before=$(wc -l <"$dir/requests.log")
	start=$(date +%s.%N)
	local cmd=(terraform -chdir="$dir" "$@" -input=false -no-color -parallelism="$PARALLELISM")
	if [ "$cap" -gt 0 ]; then
		timeout --signal=INT --kill-after=60 "$cap" "${cmd[@]}" >"$dir/$key.out" 2>&1 || rc=$?
	else
		"${cmd[@]}" >"$dir/$key.out" 2>&1 || rc=$?
	fi
	end=$(date +%s.%N)
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		status=stopped
	elif [ "$rc" -ne 0 ]; then
		status=failed
		echo "$key failed (exit $rc):" >&2
		grep -m 3 -A 3 'Error:' "$dir/$key.out" >&2 || true
		grep -E '^(Plan|Apply complete|Destroy complete)' "$dir/$key.out" >&2 || true
	fi
	grep 'Warning:' "$dir/$key.out" | grep -vc 'Provider development overrides' | awk -v k="$key" '$1 > 0 { print "  " k ": " $1 " warnings" }' >&2 || true
	results[$key]=$(sed -n "$((before + 1)),\$p" "$dir/requests.log" | awk -v s="$start" -v e="$end" -v st="$status" '
		{ total++ } /"method":"GET"/ { get++ } /"status":429,/ { limited++ }
		END { printf "%.1f %d %d %d %s", e - s, total, get, limited, st }')
}

# run_set MODE PROVIDER N CAP FLAGS...: the four phases of PROVIDER with N
# accounts against a fresh atlassim started with FLAGS. With FLAGS (a rate
# limit), the simulator is restarted on its state before each phase, so that
# every phase starts with full buckets whatever the phase before it spent.
phases=(apply plan refresh destroy)
run_set() {
	local mode="$1" provider="$2" n="$3" cap="$4"; shift 4
	local dir="$work/$mode-$provider" listen phase
	mkdir -p "$dir"
	start_sim "$dir" 127.0.0.1:0 "$@"
	: >"$dir/requests.log"
	listen="${MONGODB_ATLAS_BASE_URL#http://}"
	write_config "$dir" "$provider" "$n"
	for phase in "${phases[@]}"; do
		if [ $# -gt 0 ] && [ "$phase" != apply ]; then
			stop_sim
			start_sim "$dir" "$listen" "$@"
		fi
		echo "  $mode, $provider: $phase" >&2
		case "$phase" in
		apply) measure "$dir" "$mode-$provider-$phase" "$cap" apply -auto-approve ;;
		plan) measure "$dir" "$mode-$provider-$phase" "$cap" plan -detailed-exitcode ;;
		refresh) measure "$dir" "$mode-$provider-$phase" "$cap" apply -refresh-only -auto-approve ;;
		destroy) measure "$dir" "$mode-$provider-$phase" "$cap" destroy -auto-approve ;;
		esac
	done
	stop_sim
}

# print_table MODE N TITLE: one row per phase, the two providers side by side.
print_table() {
	local mode="$1" n="$2" title="$3" p
	local resources=$(($2 + 2 * ($2 / 4)))
	echo
	echo "$title: $n accounts, $(($n / 4)) assignments, $(($n / 4)) people = $resources resources, -parallelism=$PARALLELISM"
	echo
	echo "| phase | atlasaccess: wall (s) | requests (GET) | per resource | 429 | mongodbatlas 2.16.0: wall (s) | requests (GET) | per resource | 429 | requests ours/theirs | wall ours/theirs |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	for p in "${phases[@]}"; do
		local ours theirs
		ours=${results[$mode-atlasaccess-$p]:-}
		theirs=${results[$mode-mongodbatlas-$p]:-}
		[ -n "$ours" ] && [ -n "$theirs" ] || continue
		awk -v p="$p" -v r="$resources" -v o="$ours" -v t="$theirs" 'BEGIN {
			split(o, a, " "); split(t, b, " ")
			note_a = (a[5] == "ok") ? "" : " (" a[5] ")"
			note_b = (b[5] == "ok") ? "" : " (" b[5] ")"
			printf "| %s | %.1f%s | %d (%d) | %.3f | %d | %.1f%s | %d (%d) | %.3f | %d | %s | %.2f |\n",
				p, a[1], note_a, a[2], a[3], a[2] / r, a[4], b[1], note_b, b[2], b[3], b[2] / r, b[4],
				(b[2] > 0 ? sprintf("%.3f", a[2] / b[2]) : "-"), a[1] / b[1]
		}'
	done
}

echo "scale-compare: N=$N (rate-limited run: RATE_N=$RATE_N, -api-rate-limit $RATE, phases capped at $PHASE_CAP s); mongodbatlas from $official_bin" >&2
if [ "$N" -gt 0 ]; then
	for provider in atlasaccess mongodbatlas; do
		run_set unlimited "$provider" "$N" 0
	done
	print_table unlimited "$N" "Without a rate limit"
fi
if [ "$RATE_N" -gt 0 ]; then
	for provider in atlasaccess mongodbatlas; do
		run_set limited "$provider" "$RATE_N" "$PHASE_CAP" -api-rate-limit "$RATE"
	done
	print_table limited "$RATE_N" "Under -api-rate-limit $RATE (each phase starts with full buckets; a phase stopped after $PHASE_CAP s)"
fi
echo
echo "Requests include the OAuth token and its revocation per provider process (2 per plan, 4 per apply or destroy)."
