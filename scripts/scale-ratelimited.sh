#!/usr/bin/env bash
# scripts/scale-ratelimited.sh N: the configuration of scale.sh (N project
# service accounts, N/4 assignments to a second project, N/4 invitations)
# applied against atlassim without a rate limit, then the same simulator
# state served again with Atlas's token-bucket limit on the service-account
# and user endpoints (RATE, default -api-rate-limit 100/60s), and under it a
# no-change plan and a refresh-only apply, -parallelism=10. Prints wall time,
# requests and 429 answers of each.
set -euo pipefail
N="${1:-1000}"
RATE="${RATE:-100/60s}"
A=$((N / 4))
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/fleet.sh
. "$root/scripts/fleet.sh"
work="$(mktemp -d)"
sim_pid=""
cleanup() {
	if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bin" "$work/tf"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/bin/terraform-provider-atlasaccess" . &&
	go build -o "$work/atlassim" ./cmd/atlassim)

# start_sim LISTEN FLAGS...: atlassim on the state file, its environment in sim.env.
start_sim() {
	local listen="$1"; shift
	rm -f "$work/sim.env"
	"$work/atlassim" -listen "$listen" -state "$work/state.json" -requests-log "$work/requests.log" -invite-rate-limit -1 "$@" >"$work/sim.env" 2>"$work/sim.err" &
	sim_pid=$!
	for _ in $(seq 1 100); do
		grep -q '^export ATLASSIM_ORG_MEMBER=' "$work/sim.env" 2>/dev/null && break
		sleep 0.1
	done
	# shellcheck disable=SC1091
	. "$work/sim.env"
	unset MONGODB_ATLAS_PUBLIC_KEY MONGODB_ATLAS_PRIVATE_KEY
}
stop_sim() { kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=""; }

start_sim 127.0.0.1:0
listen="${MONGODB_ATLAS_BASE_URL#http://}"
cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "atlasaccess/atlasaccess" = "$work/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
write_atlasaccess_provider "$work/tf/provider.tf"
write_fleet "$work/tf/main.tf" "$N" "$A"
tf() { terraform -chdir="$work/tf" "$@" -input=false -no-color -parallelism=10; }
tf apply -auto-approve >"$work/apply.out" 2>&1 || { tail -30 "$work/apply.out" >&2; exit 1; }
stop_sim
start_sim "$listen" -api-rate-limit "$RATE"

echo "N=$N accounts, $A assignments, $A invitations ($((N + 2 * A)) resources), atlassim -api-rate-limit $RATE, -parallelism=10"
echo
echo "| phase | wall (s) | requests | 429 answers | requests per resource |"
echo "|---|---|---|---|---|"
phase() {
	local label="$1"; shift
	local before start end
	before=$(wc -l <"$work/requests.log")
	start=$(date +%s.%N)
	"$@" >"$work/phase.out" 2>&1 || { echo "phase $label failed:" >&2; tail -30 "$work/phase.out" >&2; exit 1; }
	end=$(date +%s.%N)
	sed -n "$((before + 1)),\$p" "$work/requests.log" | awk -v l="$label" -v s="$start" -v e="$end" -v r="$((N + 2 * A))" '
		{ total++ } /"status":429,/ { limited++ }
		END { printf "| %s | %.1f | %d | %d | %.3f |\n", l, e - s, total, limited, total / r }'
}
phase "plan (no changes)" tf plan -detailed-exitcode
phase "refresh (apply -refresh-only)" tf apply -refresh-only -auto-approve
