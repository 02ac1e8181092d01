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
#
# SET=access (make scale-compare SET=access N=100): the same machinery for
# people and database access, without a rate-limited run (RATE_N is not
# used), each provider against a fresh atlassim with -invite-rate-limit -1
# and -token-rate-limit -1 (the official provider does not wait for a 429
# of /api/oauth/token: "error initializing provider: oauth2: cannot fetch
# token: 429 Too Many Requests", seen in a probe once more than 10 tokens
# had been fetched within a minute). The pairs, same arguments:
#   atlasaccess_org_user                 mongodbatlas_cloud_user_org_assignment   PEOPLE (default N)
#   atlasaccess_team                     mongodbatlas_team                        TEAMS (default N/5, at most 100)
#     (name and usernames, one member each)
#   atlasaccess_project_team             mongodbatlas_team_project_assignment     TEAMS, of those teams
#   atlasaccess_custom_db_role           mongodbatlas_custom_db_role              1
#   atlasaccess_database_user            mongodbatlas_database_user               DB_USERS (default N/2, at most 100)
#     (password users, password_wo and password_wo_version on both sides)
#   atlasaccess_project_ip_access_list   mongodbatlas_project_ip_access_list      1 of IP_ENTRIES entries
#                                        (default N) against IP_ENTRIES resources
# Team i holds one person, compare-team-member-i, invited with the API and
# made ACTIVE with atlassim's /__atlassim/users/accept before the apply, not
# measured and never destroyed (the simulator is discarded): mongodbatlas_team
# reads its members from GET /orgs/{orgId}/teams/{teamId}/users at version
# 2023-01-01, which lists active members only. Membership never changes in
# the measured phases: mongodbatlas_team changes it with GET
# /users/byName/{userName} and the deprecated POST .../teams/{teamId}/users
# and DELETE .../teams/{teamId}/users/{userId}, which atlassim does not serve.
# "Per object" divides by the objects both sides manage: people + teams +
# project teams + 1 role + database users + entries.
# After the refresh, three plans show each provider's answer to a change made
# outside Terraform, then undone (not measured): 0.0.0.0/0 added to the
# project IP access list with the API, the first database user's scopes
# cleared with the API, and the custom role's two actions swapped in the
# configuration. Then a fourth, in a root module of its own, applied,
# planned and destroyed (not measured): one person invited into the
# organization (left PENDING) and a team whose member is that person. Requests
# of the measured phases answered 4xx or 5xx other than a GET's 404 are listed
# per run, so an endpoint atlassim does not serve shows.
set -euo pipefail
SET="${SET:-accounts}"
N="${1:-300}"
case "$SET" in
accounts) ;;
access)
	RATE_N=0
	PEOPLE="${PEOPLE:-$N}"
	TEAMS="${TEAMS:-$((N / 5 < 100 ? N / 5 : 100))}"
	DB_USERS="${DB_USERS:-$((N / 2 < 100 ? N / 2 : 100))}"
	IP_ENTRIES="${IP_ENTRIES:-$N}"
	;;
*) echo "SET is accounts (the default) or access, not $SET" >&2; exit 2 ;;
esac
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
stop_sim() { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; sim_pid=""; atlas_token=""; }

# write_mongodbatlas_provider FILE: the official provider's requirement and
# its provider block, pointed at the simulator with its client credentials.
write_mongodbatlas_provider() {
	cat >"$1" <<HCL
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
HCL
}

# write_config DIR PROVIDER N: the measured root module.
write_config() {
	local dir="$1" provider="$2" n="$3" a=$(($3 / 4))
	if [ "$SET" = access ]; then
		write_access_config "$dir" "$provider" in-order
	elif [ "$provider" = atlasaccess ]; then
		write_atlasaccess_provider "$dir/provider.tf"
		write_fleet "$dir/main.tf" "$n" "$a"
	else
		write_mongodbatlas_provider "$dir/provider.tf"
		cat >"$dir/main.tf" <<HCL
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

# write_access_config DIR PROVIDER ORDER: the measured root module of
# SET=access; ORDER "swapped" writes the custom role's two actions the other
# way round (the behaviour plan for an order change). Team i has one member,
# compare-team-member-i, an active person of the organization made before the
# apply (team_members).
write_access_config() {
	local dir="$1" provider="$2" order="$3" find insert
	cat >"$dir/access.tf" <<HCL
variable "db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}
HCL
	if [ "$provider" = atlasaccess ]; then
		write_atlasaccess_provider "$dir/provider.tf"
		find='{ action = "FIND", resources = [{ database_name = "scale" }] },'
		insert='{ action = "INSERT", resources = [{ database_name = "scale", collection_name = "events" }] },'
		[ "$order" = swapped ] && { local t="$find"; find="$insert"; insert="$t"; }
		cat >"$dir/main.tf" <<HCL
resource "atlasaccess_org_user" "person" {
  count    = $PEOPLE
  org_id   = "$ATLASSIM_ORG_ID"
  username = "compare-person-\${count.index}@example.com"
  roles    = ["ORG_MEMBER"]
}

resource "atlasaccess_team" "team" {
  count     = $TEAMS
  org_id    = "$ATLASSIM_ORG_ID"
  name      = "compare-team-\${count.index}"
  usernames = ["compare-team-member-\${count.index}@example.com"]
}

resource "atlasaccess_project_team" "team" {
  count      = $TEAMS
  project_id = "$ATLASSIM_PROJECT_ID"
  team_id    = atlasaccess_team.team[count.index].team_id
  roles      = ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"]
}

resource "atlasaccess_custom_db_role" "role" {
  project_id = "$ATLASSIM_PROJECT_ID"
  role_name  = "compare-writer"
  actions = [
    $find
    $insert
  ]
}

resource "atlasaccess_database_user" "user" {
  count               = $DB_USERS
  project_id          = "$ATLASSIM_PROJECT_ID"
  auth_database       = "admin"
  username            = "compare-user-\${count.index}"
  password_wo         = var.db_password
  password_wo_version = 1
  roles = [
    { role_name = "readWrite", database_name = "app\${count.index}" },
    { role_name = atlasaccess_custom_db_role.role.role_name, database_name = "admin" },
  ]
  scopes = [{ name = "Cluster\${count.index % 4}", type = "CLUSTER" }]
}

resource "atlasaccess_project_ip_access_list" "project" {
  project_id = "$ATLASSIM_PROJECT_ID"
  entries = [for i in range($IP_ENTRIES) : {
    cidr_block = "10.\${floor(i / 256)}.\${i % 256}.0/24"
    comment    = "compare entry \${i}"
  }]
}
HCL
	else
		write_mongodbatlas_provider "$dir/provider.tf"
		find='actions {
    action = "FIND"
    resources {
      database_name = "scale"
    }
  }'
		insert='actions {
    action = "INSERT"
    resources {
      database_name   = "scale"
      collection_name = "events"
    }
  }'
		[ "$order" = swapped ] && { local t="$find"; find="$insert"; insert="$t"; }
		cat >"$dir/main.tf" <<HCL
resource "mongodbatlas_cloud_user_org_assignment" "person" {
  count    = $PEOPLE
  org_id   = "$ATLASSIM_ORG_ID"
  username = "compare-person-\${count.index}@example.com"
  roles    = { org_roles = ["ORG_MEMBER"] }
}

resource "mongodbatlas_team" "team" {
  count     = $TEAMS
  org_id    = "$ATLASSIM_ORG_ID"
  name      = "compare-team-\${count.index}"
  usernames = ["compare-team-member-\${count.index}@example.com"]
}

resource "mongodbatlas_team_project_assignment" "team" {
  count      = $TEAMS
  project_id = "$ATLASSIM_PROJECT_ID"
  team_id    = mongodbatlas_team.team[count.index].team_id
  role_names = ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"]
}

resource "mongodbatlas_custom_db_role" "role" {
  project_id = "$ATLASSIM_PROJECT_ID"
  role_name  = "compare-writer"
  $find
  $insert
}

resource "mongodbatlas_database_user" "user" {
  count               = $DB_USERS
  project_id          = "$ATLASSIM_PROJECT_ID"
  auth_database_name  = "admin"
  username            = "compare-user-\${count.index}"
  password_wo         = var.db_password
  password_wo_version = 1
  roles {
    role_name     = "readWrite"
    database_name = "app\${count.index}"
  }
  roles {
    role_name     = mongodbatlas_custom_db_role.role.role_name
    database_name = "admin"
  }
  scopes {
    name = "Cluster\${count.index % 4}"
    type = "CLUSTER"
  }
}

resource "mongodbatlas_project_ip_access_list" "entry" {
  count      = $IP_ENTRIES
  project_id = "$ATLASSIM_PROJECT_ID"
  cidr_block = "10.\${floor(count.index / 256)}.\${count.index % 256}.0/24"
  comment    = "compare entry \${count.index}"
}
HCL
	fi
}

# atlas METHOD PATH [BODY [VERSION]]: one Admin API call by hand, as a
# person at a terminal would, with the simulator's client credentials (a token
# fetched once per simulator), at VERSION (default 2023-01-01).
atlas_token=""
atlas() {
	local method="$1" path="$2" body="${3:-}" version="${4:-2023-01-01}"
	if [ -z "$atlas_token" ]; then
		atlas_token="$(curl -sf -u "$MONGODB_ATLAS_CLIENT_ID:$MONGODB_ATLAS_CLIENT_SECRET" -d grant_type=client_credentials \
			"$MONGODB_ATLAS_BASE_URL/api/oauth/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
	fi
	curl -sf -o /dev/null -X "$method" -H "Authorization: Bearer $atlas_token" \
		-H "Accept: application/vnd.atlas.$version+json" -H "Content-Type: application/vnd.atlas.$version+json" \
		${body:+-d "$body"} "$MONGODB_ATLAS_BASE_URL/api/atlas/v2$path" ||
		{ echo "by hand: $method $path failed" >&2; exit 1; }
}

# team_members: the TEAMS people the measured teams hold, invited into the
# organization with the API and made ACTIVE with atlassim's
# /__atlassim/users/accept (the person accepting), before the apply; never
# measured. They must be active: mongodbatlas_team reads its members from the
# 2023-01-01 list, which holds active members only.
team_members() {
	local i username
	for i in $(seq 0 $((TEAMS - 1))); do
		username="compare-team-member-$i@example.com"
		atlas POST "/orgs/$ATLASSIM_ORG_ID/users" "{\"username\":\"$username\",\"roles\":{\"orgRoles\":[\"ORG_MEMBER\"]}}" 2025-02-19
		curl -sf -o /dev/null -X POST -d "{\"username\":\"$username\"}" "$MONGODB_ATLAS_BASE_URL/__atlassim/users/accept" ||
			{ echo "accepting $username failed" >&2; exit 1; }
	done
}

# write_pending_team DIR PROVIDER: a root module in DIR of one person invited
# into the organization (PENDING: nobody accepts) and one team whose member is
# that person, for the behaviour plan of a pending member.
write_pending_team() {
	local dir="$1"
	mkdir -p "$dir"
	if [ "$2" = atlasaccess ]; then
		write_atlasaccess_provider "$dir/provider.tf"
		cat >"$dir/main.tf" <<HCL
resource "atlasaccess_org_user" "pending" {
  org_id   = "$ATLASSIM_ORG_ID"
  username = "compare-pending@example.com"
  roles    = ["ORG_MEMBER"]
}

resource "atlasaccess_team" "pending" {
  org_id    = "$ATLASSIM_ORG_ID"
  name      = "compare-pending-team"
  usernames = [atlasaccess_org_user.pending.username]
}
HCL
	else
		write_mongodbatlas_provider "$dir/provider.tf"
		cat >"$dir/main.tf" <<HCL
resource "mongodbatlas_cloud_user_org_assignment" "pending" {
  org_id   = "$ATLASSIM_ORG_ID"
  username = "compare-pending@example.com"
  roles    = { org_roles = ["ORG_MEMBER"] }
}

resource "mongodbatlas_team" "pending" {
  org_id    = "$ATLASSIM_ORG_ID"
  name      = "compare-pending-team"
  usernames = [mongodbatlas_cloud_user_org_assignment.pending.username]
}
HCL
	fi
}

# behaviours DIR PROVIDER: three plans after a change made outside
# Terraform, each undone before the next, into DIR/behaviour-*.out; then the
# pending member's module (write_pending_team) applied, planned and
# destroyed, into DIR/behaviour-pending-member*.out.
behaviours() {
	local dir="$1" provider="$2" tf=(terraform -chdir="$1" plan -input=false -no-color -parallelism="$PARALLELISM")
	local pending=(terraform -chdir="$1/pending") opts=(-input=false -no-color -parallelism="$PARALLELISM")
	echo "  access, $provider: behaviour plans" >&2
	atlas POST "/groups/$ATLASSIM_PROJECT_ID/accessList" '[{"cidrBlock":"0.0.0.0/0","comment":"added by hand"}]'
	"${tf[@]}" >"$dir/behaviour-open-ip.out" 2>&1 || true
	atlas DELETE "/groups/$ATLASSIM_PROJECT_ID/accessList/0.0.0.0%2F0"
	atlas PATCH "/groups/$ATLASSIM_PROJECT_ID/databaseUsers/admin/compare-user-0" '{"scopes":[]}'
	"${tf[@]}" >"$dir/behaviour-scope.out" 2>&1 || true
	atlas PATCH "/groups/$ATLASSIM_PROJECT_ID/databaseUsers/admin/compare-user-0" '{"scopes":[{"name":"Cluster0","type":"CLUSTER"}]}'
	write_access_config "$dir" "$provider" swapped
	cp "$dir/main.tf" "$dir/behaviour-action-order.tf.txt"
	"${tf[@]}" >"$dir/behaviour-action-order.out" 2>&1 || true
	write_access_config "$dir" "$provider" in-order
	write_pending_team "$dir/pending" "$provider"
	"${pending[@]}" apply -auto-approve "${opts[@]}" >"$dir/behaviour-pending-member-apply.out" 2>&1 || true
	"${pending[@]}" plan "${opts[@]}" >"$dir/behaviour-pending-member.out" 2>&1 || true
	"${pending[@]}" destroy -auto-approve "${opts[@]}" >"$dir/behaviour-pending-member-destroy.out" 2>&1 ||
		{ echo "  access, $provider: the pending member's module was not destroyed:" >&2; tail -20 "$dir/behaviour-pending-member-destroy.out" >&2; }
	atlas_token=""
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
	sed -n "$((before + 1)),\$p" "$dir/requests.log" >"$dir/$key.log"
	results[$key]=$(awk -v s="$start" -v e="$end" -v st="$status" '
		{ total++ } /"method":"GET"/ { get++ } /"status":429,/ { limited++ }
		END { printf "%.1f %d %d %d %s", e - s, total, get, limited, st }' "$dir/$key.log")
}

# run_set MODE PROVIDER N CAP FLAGS...: the four phases of PROVIDER with N
# accounts against a fresh atlassim started with FLAGS. In MODE limited (a
# rate limit), the simulator is restarted on its state before each phase, so that
# every phase starts with full buckets whatever the phase before it spent.
phases=(apply plan refresh destroy)
run_set() {
	local mode="$1" provider="$2" n="$3" cap="$4"; shift 4
	local dir="$work/$mode-$provider" listen phase
	mkdir -p "$dir"
	start_sim "$dir" 127.0.0.1:0 "$@"
	: >"$dir/requests.log"
	listen="${MONGODB_ATLAS_BASE_URL#http://}"
	[ "$SET" = access ] && team_members
	write_config "$dir" "$provider" "$n"
	for phase in "${phases[@]}"; do
		if [ "$mode" = limited ] && [ "$phase" != apply ]; then
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
		if [ "$SET" = access ] && [ "$phase" = refresh ]; then behaviours "$dir" "$provider"; fi
	done
	refused "$dir" "$mode, $provider"
	stop_sim
}

# refused DIR LABEL: the requests of the measured phases answered 4xx or 5xx,
# but a GET's 404 (a read after a delete) and a 429, by method, path (IDs and
# names shown as {}) and status: what atlassim did not serve or refused.
refused() {
	cat "$1"/*-apply.log "$1"/*-plan.log "$1"/*-refresh.log "$1"/*-destroy.log 2>/dev/null | awk -v l="$2" '
		match($0, /"status":[0-9]+/) { st = substr($0, RSTART + 9, RLENGTH - 9) + 0 }
		st < 400 || st == 429 { next }
		/"method":"GET"/ && st == 404 { next }
		{
			match($0, /"method":"[A-Z]+"/); m = substr($0, RSTART + 10, RLENGTH - 11)
			match($0, /"path":"[^"]*"/); p = substr($0, RSTART + 8, RLENGTH - 9)
			sub(/^\/api\/atlas\/v2/, "", p); n = split(p, seg, "/"); p = ""
			for (i = 2; i <= n; i++) p = p "/" ((seg[i - 1] == "orgs" || seg[i - 1] == "groups" || seg[i - 1] == "teams" || seg[i - 1] == "users" || seg[i - 1] == "roles" || seg[i - 1] == "accessList" || seg[i - 1] == "databaseUsers" || seg[i - 2] == "databaseUsers") ? "{}" : seg[i])
			c[m " " p " " st]++
		}
		END { for (k in c) { printf "  %s: %d x %s\n", l, c[k], k; any = 1 }
			if (!any) printf "  %s: no request answered 4xx or 5xx but GETs of deleted objects (404)\n", l }' | sort >&2
}

# print_table MODE RESOURCES TITLE: one row per phase, the two providers side
# by side; per resource divides by RESOURCES.
print_table() {
	local mode="$1" resources="$2" title="$3" p
	echo
	echo "$title, -parallelism=$PARALLELISM"
	echo
	echo "| phase | atlasaccess: wall (s) | requests (GET) | per resource | 429 | mongodbatlas 2.16.0: wall (s) | requests (GET) | per resource | 429 | requests ours/theirs | wall ours/theirs |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	for p in "${phases[@]}"; do
		local ours theirs
		ours=${results[$mode-atlasaccess-$p]:-}
		theirs=${results[$mode-mongodbatlas-$p]:-}
		if [ -z "$ours" ] || [ -z "$theirs" ]; then continue; fi
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

# print_pairs MODE: SET=access's requests per phase split by the pair they
# belong to (by path), ours against theirs, per object of the pair.
print_pairs() {
	local mode="$1" p
	echo
	echo "Requests by pair (GETs in brackets), per object of the pair; tokens are the OAuth token and revocation requests"
	echo
	echo "| phase | pair | objects | atlasaccess (GET) | per object | mongodbatlas 2.16.0 (GET) | per object |"
	echo "|---|---|---|---|---|---|---|"
	for p in "${phases[@]}"; do
		if [ ! -f "$work/$mode-atlasaccess/$mode-atlasaccess-$p.log" ] || [ ! -f "$work/$mode-mongodbatlas/$mode-mongodbatlas-$p.log" ]; then continue; fi
		awk -v p="$p" -v people="$PEOPLE" -v teams="$TEAMS" -v dbu="$DB_USERS" -v ipe="$IP_ENTRIES" '
			FNR == 1 { side++ }
			{
				match($0, /"path":"[^"]*"/); path = substr($0, RSTART + 8, RLENGTH - 9)
				pair = "other"
				if (path ~ /^\/api\/oauth\//) pair = "tokens"
				else if (path ~ /^\/api\/atlas\/v2\/orgs\/[^\/]+\/users/) pair = "people"
				else if (path ~ /^\/api\/atlas\/v2\/orgs\/[^\/]+\/teams/) pair = "teams"
				else if (path ~ /^\/api\/atlas\/v2\/groups\/[^\/]+\/teams/) pair = "project teams"
				else if (path ~ /^\/api\/atlas\/v2\/groups\/[^\/]+\/customDBRoles/) pair = "custom role"
				else if (path ~ /^\/api\/atlas\/v2\/groups\/[^\/]+\/databaseUsers/) pair = "database users"
				else if (path ~ /^\/api\/atlas\/v2\/groups\/[^\/]+\/accessList/) pair = "IP access list"
				n[side, pair]++; if ($0 ~ /"method":"GET"/) g[side, pair]++
			}
			END {
				split("people,teams,project teams,custom role,database users,IP access list,tokens,other", order, ",")
				objects["people"] = people; objects["teams"] = teams; objects["project teams"] = teams; objects["custom role"] = 1
				objects["database users"] = dbu; objects["IP access list"] = ipe
				for (i = 1; i <= 8; i++) {
					k = order[i]
					if (n[1, k] + n[2, k] == 0) continue
					o = objects[k]
					printf "| %s | %s | %s | %d (%d) | %s | %d (%d) | %s |\n", p, k, (o ? o : "-"),
						n[1, k], g[1, k], (o ? sprintf("%.3f", n[1, k] / o) : "-"), n[2, k], g[2, k], (o ? sprintf("%.3f", n[2, k] / o) : "-")
				}
			}' "$work/$mode-atlasaccess/$mode-atlasaccess-$p.log" "$work/$mode-mongodbatlas/$mode-mongodbatlas-$p.log"
	done
}

# print_behaviours MODE: what each provider's plan said after each change
# made outside Terraform (behaviours), quoted from its output; for the
# pending member, the apply's summary, warnings and errors first.
print_behaviours() {
	local mode="$1" provider case
	echo
	echo "Plans after a change outside Terraform (quoted; resource blocks cut to their changed lines)"
	for case in open-ip scope action-order pending-member; do
		for provider in atlasaccess mongodbatlas; do
			echo
			echo "$case, $provider:"
			if [ "$case" = pending-member ]; then
				echo "  apply:"
				awk '/^(Warning|Error): / { w = ($0 !~ /Provider development overrides/); blank = 0; if (w) print; next }
					w && /^$/ { if (++blank == 3) w = 0; next }
					w && !/^  (with |on |[0-9]+:)/ { print; next }
					/^Apply complete/' "$work/$mode-$provider/behaviour-pending-member-apply.out" | sed 's/^/    /' | head -30
				echo "  then plan:"
			fi
			# The changed lines of each resource, the summary, and each
			# warning or error with the paragraph after its title.
			awk '/^(Warning|Error): / { w = ($0 !~ /Provider development overrides/); blank = 0; if (w) print; next }
				w && /^$/ { if (++blank == 3) w = 0; next }
				w && !/^  (with |on |[0-9]+:)/ { print; next }
				/^ *# .* (will|must) be/ || /^ *[-+~] [^ ]/ && !/ in \/|update in-place$|^ *[-+~] (create|destroy)$/ || /^Plan:/ || /^No changes/' \
				"$work/$mode-$provider/behaviour-$case.out" | sed 's/^/    /' | head -40
		done
	done
}

echo "scale-compare: SET=$SET N=$N (rate-limited run: RATE_N=$RATE_N, -api-rate-limit $RATE, phases capped at $PHASE_CAP s); mongodbatlas from $official_bin" >&2
if [ "$SET" = access ]; then
	TF_VAR_db_password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" # never printed
	export TF_VAR_db_password
	for provider in atlasaccess mongodbatlas; do
		run_set unlimited "$provider" "$N" 0 -token-rate-limit -1
	done
	objects=$((PEOPLE + 2 * TEAMS + 1 + DB_USERS + IP_ENTRIES))
	print_table unlimited "$objects" "$PEOPLE people, $TEAMS teams, $TEAMS project teams, 1 custom role, $DB_USERS database users, $IP_ENTRIES IP access list entries = $objects objects ($((objects - IP_ENTRIES + 1)) atlasaccess resources, $objects mongodbatlas resources); per resource is per object"
	print_pairs unlimited
	print_behaviours unlimited
elif [ "$N" -gt 0 ]; then
	for provider in atlasaccess mongodbatlas; do
		run_set unlimited "$provider" "$N" 0
	done
	print_table unlimited "$((N + 2 * (N / 4)))" "Without a rate limit: $N accounts, $((N / 4)) assignments, $((N / 4)) people = $((N + 2 * (N / 4))) resources"
fi
if [ "$RATE_N" -gt 0 ]; then
	for provider in atlasaccess mongodbatlas; do
		run_set limited "$provider" "$RATE_N" "$PHASE_CAP" -api-rate-limit "$RATE"
	done
	print_table limited "$((RATE_N + 2 * (RATE_N / 4)))" "Under -api-rate-limit $RATE (each phase starts with full buckets; a phase stopped after $PHASE_CAP s): $RATE_N accounts, $((RATE_N / 4)) assignments, $((RATE_N / 4)) people = $((RATE_N + 2 * (RATE_N / 4))) resources"
fi
echo
echo "Requests include the OAuth token and its revocation per provider process (2 per plan, 4 per apply or destroy)."
