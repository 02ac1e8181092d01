#!/usr/bin/env bash
# make scale N=1000: apply N project service accounts, N/4 assignments of them
# to a second project and N/4 user invitations against a local atlassim, then
# a no-change plan, a refresh and a destroy, with -parallelism=10. Prints a
# table of wall time, requests by method (from the simulator's request log),
# requests per resource and the provider's peak RSS, next to the same plan
# over N terraform_data resources (Terraform's own floor, no provider).
#
# Environment:
#   ATLASSIM_FLAGS   extra atlassim flags, split on spaces, e.g.
#                    ATLASSIM_FLAGS="-api-rate-limit 100/60s" for Atlas's
#                    token-bucket limit on the service-account and user endpoints
#   MAX_RETRIES      the provider's max_retries (default: the provider's own, 5)
#   SCALE_PHASES     "all" (default) or "accounts": apply the N accounts and
#                    destroy them, nothing else (no plans, no floors)
#                    or "access-lists": only the access-list phases below
#                    or "secrets": only the secret phases below
#                    or "people": only the people phases below
#                    or "ip-access-list": only the project IP access list
#                    phases below
#                    or "database-users": only the database-user phases below
#                    or "teams": only the team phases below (their people
#                    applied and destroyed around them, not measured)
#   ACCESS_LISTS     accounts fenced by an access list of 10 entries each in
#                    the access-list phases (default 250)
#   SECRETS          secrets in the secret phases (default N), two per account
#                    on SECRETS/2 accounts created with keep_initial_secret =
#                    false
#   PEOPLE           people in the people phases (default 250): each an
#                    atlasaccess_org_user invited to the organization
#   IP_ENTRIES       entries of the one atlasaccess_project_ip_access_list in
#                    the ip-access-list phases (default 200)
#   DB_USERS         database users in the database-users phases (default
#                    100, Atlas's limit per project)
#   TEAMS            teams in the team phases (default 50): each an
#                    atlasaccess_team of PEOPLE/TEAMS of those people and an
#                    atlasaccess_project_team giving it roles in the project
set -euo pipefail
N="${1:-1000}"
PARALLELISM="${PARALLELISM:-10}"
SCALE_PHASES="${SCALE_PHASES:-all}"
read -r -a sim_flags <<<"${ATLASSIM_FLAGS:-}"
provider_settings=""
[ -n "${MAX_RETRIES:-}" ] && provider_settings="max_retries = $MAX_RETRIES"
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/fleet.sh
. "$root/scripts/fleet.sh"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
	# SCALE_REQUESTS_LOG=FILE keeps a copy of the simulator's request log.
	if [ -n "${SCALE_REQUESTS_LOG:-}" ] && [ -f "$work/requests.log" ]; then cp "$work/requests.log" "$SCALE_REQUESTS_LOG"; fi
	rm -rf "$work"
}
trap cleanup EXIT

A=$((N / 4))
echo "scale run: N=$N service accounts, $A assignments, $A invites, -parallelism=$PARALLELISM, phases $SCALE_PHASES, atlassim flags: ${ATLASSIM_FLAGS:-none}, ${provider_settings:-default max_retries}" >&2

mkdir -p "$work/bin" "$work/tf" "$work/baseline"
mkdir -p "$work/floorbin" "$work/floor"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/bin/terraform-provider-atlasaccess" . &&
	go build -o "$work/atlassim" ./cmd/atlassim &&
	go build -o "$work/floorbin/terraform-provider-floor" ./cmd/floorprovider)
binary_mb=$(awk -v b="$(stat -c %s "$work/bin/terraform-provider-atlasaccess")" 'BEGIN { printf "%.1f", b / 1048576 }')

# Atlas limits invitations to about 10 a minute per IP; the provider backs off
# and retries, which a functional test proves. Here the limit is lifted so
# that the figures measure the provider, not a deliberate server-side wait.
"$work/atlassim" -listen 127.0.0.1:0 -requests-log "$work/requests.log" -invite-rate-limit -1 ${sim_flags[@]+"${sim_flags[@]}"} >"$work/sim.env" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
	grep -q '^export ATLASSIM_ORG_MEMBER=' "$work/sim.env" 2>/dev/null && break
	sleep 0.1
done
# shellcheck disable=SC1091
. "$work/sim.env"
unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "atlasaccess/atlasaccess" = "$work/bin"
    "atlasaccess/floor"       = "$work/floorbin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# write_provider DIR: the provider requirement and settings every measured
# root module shares, in DIR/provider.tf.
write_provider() {
	cat >"$1/provider.tf" <<HCL
terraform {
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
  }
}

provider "atlasaccess" {
  $provider_settings
}
HCL
}

write_provider "$work/tf"
write_fleet "$work/tf/main.tf" "$N" "$A"

# Both floor configurations (two attributes; the service account's schema)
# live in one directory each, sharing the provider requirement.
mkdir -p "$work/flooraccount"
for dir in floor flooraccount; do
	cat >"$work/$dir/versions.tf" <<HCL
terraform {
  required_providers {
    floor = { source = "atlasaccess/floor" }
  }
}
HCL
done

cat >"$work/floor/main.tf" <<HCL
resource "floor_thing" "t" {
  count = $N
  name  = "scale \${count.index}"
}
HCL

cat >"$work/flooraccount/main.tf" <<HCL
resource "floor_account" "a" {
  count                      = $N
  project_id                 = "$ATLASSIM_PROJECT_ID"
  name                       = "scale \${count.index}"
  description                = "Scale test account"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 720
}
HCL

cat >"$work/baseline/main.tf" <<HCL
resource "terraform_data" "d" {
  count = $N
  input = "scale \${count.index}"
}
HCL

# measure_once LABEL CMD...: runs CMD while sampling /proc every 50 ms; sets
# last_wall and last_row, a table row of: wall seconds, requests by method from the simulator's log,
# requests per resource, the provider processes' peak RSS (VmHWM), and the CPU
# seconds of Terraform, of the provider processes and of the simulator. Two
# cores are shared by all three, so CPU seconds show where a phase's time goes.
# provider_pattern selects the provider processes to sample (pgrep -f).
tck=$(getconf CLK_TCK)
provider_pattern="$work/bin/terraform-provider-atlasaccess"
# phase_resources is what "requests per resource" divides by; last_wall is the
# wall time of the last phase, in seconds.
phase_resources=$((N + 2 * A))
last_wall=0
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || true; }
measure_once() {
	local label="$1"; shift
	local before after start end peak=0 kb p t
	local -A tf_ticks=() prov_ticks=()
	before=$(wc -l <"$work/requests.log")
	local sim_before
	sim_before=$(cpu_ticks "$sim_pid")
	start=$(date +%s.%N)
	"$@" >"$work/phase.out" 2>&1 &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		for p in $(pgrep -f "$provider_pattern" || true); do
			kb=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
			[ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
			t=$(cpu_ticks "$p"); [ -n "$t" ] && prov_ticks[$p]=$t
		done
		for p in $(pgrep -x terraform || true); do
			t=$(cpu_ticks "$p"); [ -n "$t" ] && tf_ticks[$p]=$t
		done
		sleep 0.05
	done
	if ! wait "$pid"; then echo "phase $label failed:" >&2; tail -30 "$work/phase.out" >&2; exit 1; fi
	end=$(date +%s.%N)
	after=$(wc -l <"$work/requests.log")
	local sim_after
	sim_after=$(cpu_ticks "$sim_pid")
	last_wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
	local wall
	wall=$(printf '%.1f' "$last_wall")
	local counts
	counts=$(sed -n "$((before + 1)),${after}p" "$work/requests.log" | awk -F'"method":"' '
		{ split($2, a, "\""); m[a[1]]++; total++ }
		/"status":429,/ { limited++ }
		END { printf "%d %d %d %d %d %d", total, m["GET"], m["POST"], m["PATCH"], m["DELETE"], limited }')
	read -r total get post patch delete limited <<<"$counts"
	local per
	per=$(awk -v t="$total" -v r="$phase_resources" 'BEGIN { printf "%.2f", t / r }')
	local rss
	rss=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
	local tf_sum=0 prov_sum=0
	for t in "${tf_ticks[@]}"; do tf_sum=$((tf_sum + t)); done
	for t in "${prov_ticks[@]}"; do prov_sum=$((prov_sum + t)); done
	local cpu
	cpu=$(awk -v a="$tf_sum" -v b="$prov_sum" -v c="$((sim_after - sim_before))" -v h="$tck" \
		'BEGIN { printf "%.1f / %.1f / %.1f", a / h, b / h, c / h }')
	if [ "$total" -eq 0 ] && [ "$provider_pattern" != "$work/bin/terraform-provider-atlasaccess" ]; then
		get=- post=- patch=- delete=- total=- per=- limited=-
	fi
	last_row=$(printf '| %-18s | %8s | %6s | %6s | %6s | %6s | %6s | %6s | %8s | %8s | %-18s |' "$label" "$wall" "$get" "$post" "$patch" "$delete" "$total" "$limited" "$per" "$rss" "$cpu")
}

# run_phase LABEL CMD...: measure_once, $runs times (a plan changes nothing,
# so it can be repeated); prints the row of the run with the median wall time
# and leaves that time in last_wall.
runs=1
run_phase() {
	local label="$1" i rows=()
	shift
	[ "$runs" -gt 1 ] && label="$label (median of $runs)"
	for ((i = 0; i < runs; i++)); do
		measure_once "$label" "$@"
		rows+=("$last_wall $last_row")
	done
	local median
	median=$(printf '%s\n' "${rows[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
	last_wall=${median%% *}
	printf '%s\n' "${median#* }"
}

tf() { terraform -chdir="$work/tf" "$@" -no-color; }

# The access lists: ACCESS_LISTS accounts, each fenced by an authoritative
# list of 10 entries: apply, no-change plan, refresh and destroy of the
# lists alone. The accounts live in a root module of their own, applied
# before and destroyed after without being measured; the lists read their
# client IDs from its state, so every measured request is an access list's.
L="${ACCESS_LISTS:-250}"
tfal() { terraform -chdir="$work/al" "$@" -no-color; }
access_list_phases() {
	mkdir -p "$work/alaccounts" "$work/al"
	write_provider "$work/alaccounts"
cat >"$work/alaccounts/main.tf" <<HCL
resource "atlasaccess_project_service_account" "fenced" {
  count                      = $L
  project_id                 = "$ATLASSIM_PROJECT_ID"
  name                       = "fenced \${count.index}"
  description                = "Scale test account with an access list"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 720
}

output "client_ids" { value = atlasaccess_project_service_account.fenced[*].client_id }
HCL
	write_provider "$work/al"
cat >"$work/al/main.tf" <<HCL
data "terraform_remote_state" "accounts" {
  backend = "local"
  config  = { path = "$work/alaccounts/terraform.tfstate" }
}

resource "atlasaccess_project_service_account_access_list" "al" {
  count       = $L
  project_id  = "$ATLASSIM_PROJECT_ID"
  client_id   = data.terraform_remote_state.accounts.outputs.client_ids[count.index]
  cidr_blocks = [for i in range(10) : "10.\${floor(count.index / 256)}.\${count.index % 256}.\${i * 16}/28"]
}
HCL
	terraform -chdir="$work/alaccounts" apply -auto-approve -input=false -no-color -parallelism="$PARALLELISM" >"$work/al.out" 2>&1 ||
		{ echo "creating the $L fenced accounts failed:" >&2; tail -30 "$work/al.out" >&2; exit 1; }
	phase_resources=$L
	run_phase "apply, access lists" tfal apply -auto-approve -input=false -parallelism="$PARALLELISM"
	runs=3 run_phase "plan, access lists" tfal plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
	run_phase "refresh, access lists" tfal apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
	run_phase "destroy, access lists" tfal destroy -auto-approve -input=false -parallelism="$PARALLELISM"
	terraform -chdir="$work/alaccounts" destroy -auto-approve -input=false -no-color -parallelism="$PARALLELISM" >"$work/al.out" 2>&1 ||
		{ echo "destroying the $L fenced accounts failed:" >&2; tail -30 "$work/al.out" >&2; exit 1; }
}

# The secrets: SECRETS secret resources, two on each of SECRETS/2 accounts
# created with keep_initial_secret = false (so each account holds only its two,
# within the simulator's per-account limit): apply, no-change plan, refresh
# and destroy of the secrets alone. As for the access lists, the accounts
# live in a root module of their own, applied before and destroyed after
# without being measured.
S="${SECRETS:-$N}"
tfsec() { terraform -chdir="$work/sec" "$@" -no-color; }
secret_phases() {
	local accounts=$(((S + 1) / 2))
	mkdir -p "$work/secaccounts" "$work/sec"
	write_provider "$work/secaccounts"
cat >"$work/secaccounts/main.tf" <<HCL
resource "atlasaccess_project_service_account" "rotated" {
  count                      = $accounts
  project_id                 = "$ATLASSIM_PROJECT_ID"
  name                       = "rotated \${count.index}"
  description                = "Scale test account with two secrets"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 8
  keep_initial_secret        = false
}

output "client_ids" { value = atlasaccess_project_service_account.rotated[*].client_id }
HCL
	write_provider "$work/sec"
cat >"$work/sec/main.tf" <<HCL
data "terraform_remote_state" "accounts" {
  backend = "local"
  config  = { path = "$work/secaccounts/terraform.tfstate" }
}

resource "atlasaccess_project_service_account_secret" "s" {
  count               = $S
  project_id          = "$ATLASSIM_PROJECT_ID"
  client_id           = data.terraform_remote_state.accounts.outputs.client_ids[floor(count.index / 2)]
  expires_after_hours = 720
  rotate_before_hours = 72

  lifecycle {
    create_before_destroy = true
  }
}
HCL
	terraform -chdir="$work/secaccounts" apply -auto-approve -input=false -no-color -parallelism="$PARALLELISM" >"$work/sec.out" 2>&1 ||
		{ echo "creating the $accounts accounts for secrets failed:" >&2; tail -30 "$work/sec.out" >&2; exit 1; }
	phase_resources=$S
	run_phase "apply, secrets" tfsec apply -auto-approve -input=false -parallelism="$PARALLELISM"
	runs=3 run_phase "plan, secrets" tfsec plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
	run_phase "refresh, secrets" tfsec apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
	run_phase "destroy, secrets" tfsec destroy -auto-approve -input=false -parallelism="$PARALLELISM"
	terraform -chdir="$work/secaccounts" destroy -auto-approve -input=false -no-color -parallelism="$PARALLELISM" >"$work/sec.out" 2>&1 ||
		{ echo "destroying the $accounts accounts for secrets failed:" >&2; tail -30 "$work/sec.out" >&2; exit 1; }
}

# The people: PEOPLE atlasaccess_org_user invited to the organization, one
# organization role each: apply, no-change plan, refresh and destroy. They
# depend on nothing, so the root module holds them alone.
P="${PEOPLE:-250}"
tfpeople() { terraform -chdir="$work/people" "$@" -no-color; }
# write_people: the people's root module, with their usernames as an output
# for the team phases.
write_people() {
	mkdir -p "$work/people"
	write_provider "$work/people"
cat >"$work/people/main.tf" <<HCL
resource "atlasaccess_org_user" "person" {
  count    = $P
  org_id   = "$ATLASSIM_ORG_ID"
  username = "scale-person-\${count.index}@example.com"
  roles    = ["ORG_MEMBER"]
}

output "usernames" { value = atlasaccess_org_user.person[*].username }
HCL
}
people_phases() {
	write_people
	phase_resources=$P
	run_phase "apply, people" tfpeople apply -auto-approve -input=false -parallelism="$PARALLELISM"
	runs=3 run_phase "plan, people" tfpeople plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
	run_phase "refresh, people" tfpeople apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
	# In a full run the teams are made of these people, before they go.
	if [ "$SCALE_PHASES" = all ]; then team_phases; fi
	phase_resources=$P
	run_phase "destroy, people" tfpeople destroy -auto-approve -input=false -parallelism="$PARALLELISM"
}

# The project IP access list: one atlasaccess_project_ip_access_list of
# IP_ENTRIES entries (a /24 each, with a comment): apply, no-change plan,
# refresh and destroy. It is one resource, so req/res. here is requests per
# entry; the total column is the resource's. An apply adds every entry in
# one POST and reads each entry's status until ACTIVE (the simulator answers
# PENDING once, as by default), so it is about two reads per entry.
IPE="${IP_ENTRIES:-200}"
tfip() { terraform -chdir="$work/ip" "$@" -no-color; }
ip_access_list_phases() {
	mkdir -p "$work/ip"
	write_provider "$work/ip"
cat >"$work/ip/main.tf" <<HCL
resource "atlasaccess_project_ip_access_list" "project" {
  project_id = "$ATLASSIM_PROJECT_ID"
  entries = [for i in range($IPE) : {
    cidr_block = "10.\${floor(i / 256)}.\${i % 256}.0/24"
    comment    = "scale entry \${i}"
  }]
}
HCL
	phase_resources=$IPE
	run_phase "apply, IP list" tfip apply -auto-approve -input=false -parallelism="$PARALLELISM"
	runs=3 run_phase "plan, IP list" tfip plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
	run_phase "refresh, IP list" tfip apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
	run_phase "destroy, IP list" tfip destroy -auto-approve -input=false -parallelism="$PARALLELISM"
}

# The database users: one atlasaccess_custom_db_role and DB_USERS
# atlasaccess_database_user (password users, password_wo from an ephemeral
# variable), each with a built-in role, the custom role and a scope: apply,
# no-change plan, refresh and destroy. req/res. counts the role as one of
# DB_USERS + 1 resources.
DBU="${DB_USERS:-100}"
tfdb() { terraform -chdir="$work/db" "$@" -no-color; }
database_user_phases() {
	mkdir -p "$work/db"
	write_provider "$work/db"
cat >"$work/db/main.tf" <<HCL
variable "db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}

resource "atlasaccess_custom_db_role" "scale" {
  project_id = "$ATLASSIM_PROJECT_ID"
  role_name  = "scale-writer"
  actions = [
    { action = "FIND", resources = [{ database_name = "scale" }] },
    { action = "INSERT", resources = [{ database_name = "scale", collection_name = "events" }] },
  ]
}

resource "atlasaccess_database_user" "user" {
  count               = $DBU
  project_id          = "$ATLASSIM_PROJECT_ID"
  username            = "scale-user-\${count.index}"
  password_wo         = var.db_password
  password_wo_version = 1
  roles = [
    { role_name = "readWrite", database_name = "app\${count.index}" },
    { role_name = atlasaccess_custom_db_role.scale.role_name, database_name = "admin" },
  ]
  scopes = [{ name = "Cluster\${count.index % 4}", type = "CLUSTER" }]
}
HCL
	# Never printed: the password reaches Terraform through the environment.
	TF_VAR_db_password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
	export TF_VAR_db_password
	phase_resources=$((DBU + 1))
	run_phase "apply, db users" tfdb apply -auto-approve -input=false -parallelism="$PARALLELISM"
	runs=3 run_phase "plan, db users" tfdb plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
	run_phase "refresh, db users" tfdb apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
	run_phase "destroy, db users" tfdb destroy -auto-approve -input=false -parallelism="$PARALLELISM"
	unset TF_VAR_db_password
}

# The teams: TEAMS atlasaccess_team, each of PEOPLE/TEAMS of the people
# phases' people (every person in one team), and for each an
# atlasaccess_project_team giving it two roles in the project: apply,
# no-change plan, refresh and destroy of the teams and their project roles.
# The people's root module is applied before (by the people phases, or here
# unmeasured) and the teams read its usernames from its state, so every
# measured request is a team's or a project team's.
T="${TEAMS:-50}"
tfteams() { terraform -chdir="$work/teams" "$@" -no-color; }
team_phases() {
	mkdir -p "$work/teams"
	write_provider "$work/teams"
cat >"$work/teams/main.tf" <<HCL
data "terraform_remote_state" "people" {
  backend = "local"
  config  = { path = "$work/people/terraform.tfstate" }
}

locals {
  usernames = data.terraform_remote_state.people.outputs.usernames
  per_team  = max(1, floor(length(local.usernames) / $T))
}

resource "atlasaccess_team" "team" {
  count     = $T
  org_id    = "$ATLASSIM_ORG_ID"
  name      = "scale-team-\${count.index}"
  usernames = [for i in range(local.per_team) : local.usernames[(count.index * local.per_team + i) % length(local.usernames)]]
}

resource "atlasaccess_project_team" "team" {
  count      = $T
  project_id = "$ATLASSIM_PROJECT_ID"
  team_id    = atlasaccess_team.team[count.index].team_id
  roles      = ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"]
}
HCL
	phase_resources=$((2 * T))
	run_phase "apply, teams" tfteams apply -auto-approve -input=false -parallelism="$PARALLELISM"
	runs=3 run_phase "plan, teams" tfteams plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
	run_phase "refresh, teams" tfteams apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
	run_phase "destroy, teams" tfteams destroy -auto-approve -input=false -parallelism="$PARALLELISM"
}

# team_phases_alone is SCALE_PHASES=teams: the people applied and destroyed
# around the team phases without being measured.
team_phases_alone() {
	SCALE_PHASES=teams
	write_people
	tfpeople apply -auto-approve -input=false -parallelism="$PARALLELISM" >"$work/people.out" 2>&1 ||
		{ echo "inviting the $P people of the teams failed:" >&2; tail -30 "$work/people.out" >&2; exit 1; }
	team_phases
	tfpeople destroy -auto-approve -input=false -parallelism="$PARALLELISM" >"$work/people.out" 2>&1 ||
		{ echo "removing the $P people of the teams failed:" >&2; tail -30 "$work/people.out" >&2; exit 1; }
}

echo
echo "| phase              | wall (s) |    GET |   POST |  PATCH | DELETE |  total |    429 | req/res. | RSS (MB) | CPU s: terraform / provider / simulator |"
echo "|--------------------|----------|--------|--------|--------|--------|--------|--------|----------|----------|--------------------|"
# The N accounts first, alone in the state, for the plan that is compared
# with N terraform_data: "N service accounts in state and no changes" (the
# plan targets them because the rest of the configuration is not applied yet).
if [ "$SCALE_PHASES" = access-lists ]; then
	access_list_phases
	exit 0
fi
if [ "$SCALE_PHASES" = secrets ]; then
	secret_phases
	exit 0
fi
if [ "$SCALE_PHASES" = people ]; then
	people_phases
	exit 0
fi
if [ "$SCALE_PHASES" = ip-access-list ]; then
	ip_access_list_phases
	exit 0
fi
if [ "$SCALE_PHASES" = database-users ]; then
	database_user_phases
	exit 0
fi
if [ "$SCALE_PHASES" = teams ]; then
	team_phases_alone
	exit 0
fi
phase_resources=$N
run_phase "apply, accounts" tf apply -auto-approve -input=false -parallelism="$PARALLELISM" -target=atlasaccess_project_service_account.sa
if [ "$SCALE_PHASES" = accounts ]; then
	run_phase "destroy, accounts" tf destroy -auto-approve -input=false -parallelism="$PARALLELISM"
	exit 0
fi
runs=3 run_phase "plan, accounts" tf plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode -target=atlasaccess_project_service_account.sa
accounts_plan=$last_wall
phase_resources=$((2 * A))
run_phase "apply, the rest" tf apply -auto-approve -input=false -parallelism="$PARALLELISM"
phase_resources=$((N + 2 * A))
run_phase "plan (no changes)" tf plan -input=false -parallelism="$PARALLELISM" -detailed-exitcode
run_phase "refresh" tf apply -refresh-only -auto-approve -input=false -parallelism="$PARALLELISM"
run_phase "destroy" tf destroy -auto-approve -input=false -parallelism="$PARALLELISM"
access_list_phases
secret_phases
people_phases
ip_access_list_phases
database_user_phases

# Terraform's own floor: the same phases over terraform_data resources
# (builtin, no provider process, no API). The plan over N of them is the
# comparison the no-change plan over N service accounts is measured against.
base_phase() {
	local label="$1" dir="$2"; shift 2
	run_phase "$label" terraform -chdir="$dir" "$@" -input=false -no-color -parallelism="$PARALLELISM"
}
provider_pattern="$work/floorbin/terraform-provider-floor"
mkdir -p "$work/baseline-all"
sed "s/count = $N/count = $((N + 2 * A))/" "$work/baseline/main.tf" >"$work/baseline-all/main.tf"
terraform -chdir="$work/baseline" init -input=false -no-color >/dev/null
terraform -chdir="$work/baseline-all" init -input=false -no-color >/dev/null
terraform -chdir="$work/baseline" apply -auto-approve -input=false -no-color >/dev/null
runs=3 base_phase "terraform_data x$N: plan" "$work/baseline" plan
data_plan=$last_wall
# The plugin protocol's own floor: a do-nothing framework provider.
terraform -chdir="$work/floor" apply -auto-approve -input=false -no-color -parallelism="$PARALLELISM" >/dev/null
runs=3 base_phase "do-nothing provider x$N: plan" "$work/floor" plan
floor_plan=$last_wall
# The same provider with the service account's schema: what Terraform and
# the framework cost for this schema before the provider does any work.
terraform -chdir="$work/flooraccount" apply -auto-approve -input=false -no-color -parallelism="$PARALLELISM" >/dev/null
runs=3 base_phase "same schema, no work x$N: plan" "$work/flooraccount" plan
schema_plan=$last_wall
base_phase "terraform_data x$((N + 2 * A)): apply" "$work/baseline-all" apply -auto-approve
base_phase "terraform_data x$((N + 2 * A)): plan" "$work/baseline-all" plan
base_phase "terraform_data x$((N + 2 * A)): destroy" "$work/baseline-all" destroy -auto-approve

# Provider start: from exec until the provider has served its schema over
# gRPC (cmd/schematime does what Terraform does first, median of 9), and,
# for context, the whole "terraform providers schema" with the provider
# against the same command for the baseline (builtin provider only), which
# adds Terraform's own start and its rendering of the schema as JSON.
start_ms=$(cd "$root" && go run ./cmd/schematime "$work/bin/terraform-provider-atlasaccess")
# schema_time DIR: median of 7 runs of "terraform providers schema", in ms.
schema_time() {
	local s e i
	for i in 1 2 3 4 5 6 7; do
		s=$(date +%s%N); terraform -chdir="$1" providers schema -json >/dev/null; e=$(date +%s%N)
		echo $(( (e - s) / 1000000 ))
	done | sort -n | sed -n 4p
}
with_provider=$(schema_time "$work/tf")
builtin_only=$(schema_time "$work/baseline")

echo
awk -v a="$accounts_plan" -v d="$data_plan" -v f="$floor_plan" -v s="$schema_plan" -v n="$N" 'BEGIN {
	printf "no-change plan of %d resources, against %d terraform_data (%.2f s):\n", n, n, d
	printf "  %-40s %5.2f s = %.1fx\n", "service accounts:", a, a / d
	printf "  %-40s %5.2f s = %.1fx\n", "same schema, provider does nothing:", s, s / d
	printf "  %-40s %5.2f s = %.1fx\n", "two attributes, provider does nothing:", f, f / d
}'
echo "provider binary (stripped): $binary_mb MB; resources: $N + $A + $A = $((N + 2 * A))"
echo "provider start, exec to schema served: ${start_ms} ms; terraform providers schema (median of 7): ${with_provider} ms with the provider, ${builtin_only} ms without (difference $((with_provider - builtin_only)) ms)"
