package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// officialProviderVersion is the version of mongodb/mongodbatlas whose
// state TestMovedFromOfficialProvider moves.
const officialProviderVersion = "2.16.0"

// officialOrStandin returns the directory to name for mongodb/mongodbatlas
// in dev_overrides and which provider it holds, in words for the test log:
// the real provider v2.16.0 when it is at hand (realOfficialProvider),
// otherwise the stand-in of testdata/mongodbatlas-standin, which declares
// the same schemas and answers nothing but schema calls and reads.
func officialOrStandin(t *testing.T) (dir, which string) {
	t.Helper()
	dir, bin, reason := realOfficialProvider(t)
	if dir != "" {
		return dir, "real mongodbatlas v" + officialProviderVersion + " (built from source): " + bin
	}
	return buildStandin(t), "stand-in answering schema calls only (the real provider cannot be built here: " + reason + ")"
}

// realOfficialProvider finds the real mongodbatlas v2.16.0: the binary
// named by ATLASACCESS_MONGODBATLAS_BIN when that is set, else the one
// scripts/build-mongodbatlas.sh cached. The script runs with --cached, so
// it never clones or builds: a clean CI machine that cannot reach GitHub
// has none. It returns the directory to name in dev_overrides and the
// binary, or an empty dir and the reason there is none.
func realOfficialProvider(t *testing.T) (dir, bin, reason string) {
	t.Helper()
	if bin, ok := os.LookupEnv("ATLASACCESS_MONGODBATLAS_BIN"); ok {
		info, err := os.Stat(bin)
		if err != nil || !info.Mode().IsRegular() || info.Mode().Perm()&0o111 == 0 {
			return "", "", fmt.Sprintf("ATLASACCESS_MONGODBATLAS_BIN=%s is not an executable file", bin)
		}
		if filepath.Base(bin) == "terraform-provider-mongodbatlas" {
			return filepath.Dir(bin), bin, ""
		}
		// dev_overrides finds a provider by its file name.
		dir := t.TempDir()
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(abs, filepath.Join(dir, "terraform-provider-mongodbatlas")); err != nil {
			t.Fatal(err)
		}
		return dir, bin, ""
	}
	cmd := exec.Command("bash", filepath.Join("..", "..", "scripts", "build-mongodbatlas.sh"), "--cached", officialProviderVersion)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if reason = strings.TrimSpace(stderr.String()); reason == "" {
			reason = fmt.Sprintf("scripts/build-mongodbatlas.sh --cached: %v", err)
		}
		return "", "", reason
	}
	bin = strings.TrimSpace(string(out))
	if i := strings.LastIndex(bin, "\n"); i >= 0 {
		bin = bin[i+1:]
	}
	return filepath.Dir(bin), bin, ""
}

// resourceSchemas are the resource schemas of mongodb/mongodbatlas as
// `terraform providers schema -json` prints them when dev_overrides names
// dir, with descriptions and deprecation notes left out: they are the
// official provider's words, which the stand-in does not copy.
func resourceSchemas(t *testing.T, w *workspace, dir string) map[string]any {
	t.Helper()
	w.write(".terraformrc", fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"mongodb/mongodbatlas\" = %q\n  }\n  direct {}\n}\n", dir))
	w.write("main.tf", `terraform {
  required_providers {
    mongodbatlas = { source = "mongodb/mongodbatlas" }
  }
}
`)
	cmd := exec.Command(w.tfPath, "providers", "schema", "-json")
	cmd.Dir, cmd.Env = w.dir, w.env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("terraform providers schema -json with mongodb/mongodbatlas from %s: %v\n%s", dir, err, stderr.String())
	}
	var schemas struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas map[string]any `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(out, &schemas); err != nil {
		t.Fatal(err)
	}
	return withoutDescriptions(schemas.ProviderSchemas["registry.terraform.io/mongodb/mongodbatlas"].ResourceSchemas).(map[string]any)
}

func withoutDescriptions(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if k != "description" && k != "description_kind" && k != "deprecated" && k != "deprecation_message" {
				out[k] = withoutDescriptions(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = withoutDescriptions(e)
		}
		return out
	}
	return v
}

// TestStandinSchemasMatchOfficialProvider holds the stand-in to the real
// provider: each resource type the stand-in declares has the attribute
// names, types, nesting, required, optional, computed and sensitive flags
// and schema version of mongodbatlas v2.16.0's. Terraform does not look at
// a moved block's source schema (it hands the old state to atlasaccess as
// it is), so TestMovedFromOfficialProvider would pass with a stand-in
// that drifted; this is what keeps it honest. It needs the real provider
// built, and is skipped, saying why, where it is not.
func TestStandinSchemasMatchOfficialProvider(t *testing.T) {
	t.Parallel()
	official, bin, reason := realOfficialProvider(t)
	if official == "" {
		t.Skipf("the real mongodbatlas v%s is not at hand to compare with: %s", officialProviderVersion, reason)
	}
	standin := buildStandin(t)
	w := newWorkspace(t, atlassim.Options{Seed: 63})
	officialSchemas, standinSchemas := resourceSchemas(t, w, official), resourceSchemas(t, w, standin)
	if len(standinSchemas) < 7 {
		t.Fatalf("the stand-in declares %d resource types, want the seven of the migration guide", len(standinSchemas))
	}
	for typ, got := range standinSchemas {
		want, ok := officialSchemas[typ]
		if !ok {
			t.Errorf("the stand-in declares %s, which mongodbatlas v%s (%s) does not have", typ, officialProviderVersion, bin)
			continue
		}
		g, _ := json.Marshal(got)
		wnt, _ := json.Marshal(want)
		if string(g) != string(wnt) {
			t.Errorf("the stand-in's %s differs from mongodbatlas v%s's:\n got  %s\n want %s", typ, officialProviderVersion, g, wnt)
		}
	}
}

// movedConfiguration declares the six atlasaccess resources and the moved
// blocks from the official resources.
const movedConfiguration = `
terraform {
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
  }
}

variable "project_id" { type = string }
variable "org_id" { type = string }
variable "ci_client_id" { type = string }
variable "org_client_id" { type = string }
variable "shared_client_id" { type = string }

resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "ci"
  description                = "Deploys from CI"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 720
}

resource "atlasaccess_service_account" "org" {
  org_id                     = var.org_id
  name                       = "org"
  description                = "Reads the organization"
  roles                      = ["ORG_READ_ONLY"]
  secret_expires_after_hours = 720
}

resource "atlasaccess_project_service_account_assignment" "shared" {
  project_id = var.project_id
  client_id  = var.shared_client_id
  roles      = ["GROUP_OWNER"]
}

resource "atlasaccess_project_service_account_secret" "ci_next" {
  project_id          = var.project_id
  client_id           = var.ci_client_id
  expires_after_hours = 48
}

resource "atlasaccess_service_account_secret" "org_next" {
  org_id              = var.org_id
  client_id           = var.org_client_id
  expires_after_hours = 48
}

resource "atlasaccess_project_user_invite" "ann" {
  project_id = var.project_id
  username   = "ann@example.com"
  roles      = ["GROUP_READ_ONLY"]
}

moved {
  from = mongodbatlas_project_service_account.ci
  to   = atlasaccess_project_service_account.ci
}
moved {
  from = mongodbatlas_service_account.org
  to   = atlasaccess_service_account.org
}
moved {
  from = mongodbatlas_service_account_project_assignment.shared
  to   = atlasaccess_project_service_account_assignment.shared
}
moved {
  from = mongodbatlas_project_service_account_secret.ci_next
  to   = atlasaccess_project_service_account_secret.ci_next
}
moved {
  from = mongodbatlas_service_account_secret.org_next
  to   = atlasaccess_service_account_secret.org_next
}
moved {
  from = mongodbatlas_cloud_user_project_assignment.ann
  to   = atlasaccess_project_user_invite.ann
}
`

// officialSecrets is the secrets list of an official account's state;
// withPlaintext gives the first secret its plaintext, as the official
// provider records it after it created the account.
func officialSecrets(secrets []client.ServiceAccountSecret, firstPlaintext string) []any {
	out := []any{}
	for i, s := range secrets {
		plaintext := any(nil)
		if i == 0 && firstPlaintext != "" {
			plaintext = firstPlaintext
		}
		out = append(out, map[string]any{"secret_id": s.ID, "created_at": s.CreatedAt, "expires_at": s.ExpiresAt,
			"last_used_at": nil, "masked_secret_value": s.MaskedSecretValue, "secret": plaintext})
	}
	return out
}

// TestMovedFromOfficialProvider moves six resources of the official
// provider to atlasaccess with moved blocks: a project account, an
// organization account, an assignment, a secret of each kind and a project
// user. The plan shows only moves, the apply sends Atlas no request at all,
// the next plan is empty, and the plaintext secrets of the old state
// survive the move.
//
// The old state is written by hand with every attribute of the official
// resources' v2.16.0 schemas (internal/serviceapi/... and
// internal/service/clouduserprojectassignment in its source), filled with
// the objects created here through the simulator: the official provider
// was not run against the simulator. Terraform 1.11 and 1.16 alike refuse
// to plan a state holding resources of a provider that is not installed
// ("This state requires provider registry.terraform.io/mongodb/mongodbatlas,
// but that provider isn't available"), moved blocks or not, and the first
// subtest proves it. The installed one is the real provider, built from
// source by scripts/build-mongodbatlas.sh, where it has been built (or
// ATLASACCESS_MONGODBATLAS_BIN names it); elsewhere, as on a CI machine
// that cannot reach GitHub, the stand-in with the same six schemas plays
// its part. The test logs which, and asserts the same either way.
func TestMovedFromOfficialProvider(t *testing.T) {
	t.Parallel()
	official, which := officialOrStandin(t)
	t.Logf("mongodb/mongodbatlas: %s", which)
	w := newWorkspace(t, atlassim.Options{Seed: 62})
	w.signInAsOrgOwner()
	writeRC := func(withOfficial bool) {
		line := ""
		if withOfficial {
			line = fmt.Sprintf("    \"mongodb/mongodbatlas\"    = %q\n", official)
		}
		w.write(".terraformrc", fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"atlasaccess/atlasaccess\" = %q\n%s  }\n  direct {}\n}\n", pluginDir, line))
	}

	c := w.orgOwnerClient()
	ctx := context.Background()
	p, o := w.fx.ProjectID, w.fx.OrgID
	ci, err := c.CreateProjectServiceAccount(ctx, p, client.CreateServiceAccountRequest{
		Name: "ci", Description: "Deploys from CI", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	org, err := c.CreateOrgServiceAccount(ctx, o, client.CreateServiceAccountRequest{
		Name: "org", Description: "Reads the organization", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	shared, err := c.CreateProjectServiceAccount(ctx, w.fx.Project2ID, client.CreateServiceAccountRequest{
		Name: "shared", Description: "Used by two projects", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.InviteProjectServiceAccount(ctx, p, shared.ClientID, []string{"GROUP_OWNER"}); err != nil {
		t.Fatal(err)
	}
	ciNext, err := c.CreateProjectServiceAccountSecret(ctx, p, ci.ClientID, 48)
	if err != nil {
		t.Fatal(err)
	}
	orgNext, err := c.CreateServiceAccountSecret(ctx, client.OrgOwner(o), org.ClientID, 48)
	if err != nil {
		t.Fatal(err)
	}
	ann, err := c.AddProjectUser(ctx, p, client.AddProjectUserRequest{Username: "ann@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.sim.AcceptInvitation("ann@example.com"); err != nil {
		t.Fatal(err)
	}
	// The accounts' secrets as a read shows them (masked values), the
	// first one's plaintext from the create's answer.
	ciSecrets, err := c.ServiceAccountSecrets(ctx, client.ProjectOwner(p), ci.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	orgSecrets, err := c.ServiceAccountSecrets(ctx, client.OrgOwner(o), org.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	secretState := func(ownerAttr, ownerID, clientID string, s *client.ServiceAccountSecret) map[string]any {
		return map[string]any{ownerAttr: ownerID, "client_id": clientID, "secret_id": s.ID, "secret": s.Secret,
			"created_at": s.CreatedAt, "expires_at": s.ExpiresAt, "last_used_at": nil, "masked_secret_value": nil,
			"secret_expires_after_hours": 48}
	}
	state := officialState(
		officialResource("mongodbatlas_project_service_account", "ci", map[string]any{
			"project_id": p, "name": "ci", "description": "Deploys from CI", "roles": []string{"GROUP_READ_ONLY"},
			"secret_expires_after_hours": 720, "client_id": ci.ClientID, "created_at": ci.CreatedAt,
			"secrets": officialSecrets(ciSecrets[:1], ci.Secrets[0].Secret),
		}),
		officialResource("mongodbatlas_service_account", "org", map[string]any{
			"org_id": o, "name": "org", "description": "Reads the organization", "roles": []string{"ORG_READ_ONLY"},
			"secret_expires_after_hours": 720, "client_id": org.ClientID, "created_at": org.CreatedAt,
			"secrets": officialSecrets(orgSecrets[:1], org.Secrets[0].Secret),
		}),
		officialResource("mongodbatlas_service_account_project_assignment", "shared", map[string]any{
			"project_id": p, "client_id": shared.ClientID, "roles": []string{"GROUP_OWNER"},
		}),
		officialResource("mongodbatlas_project_service_account_secret", "ci_next", secretState("project_id", p, ci.ClientID, ciNext)),
		officialResource("mongodbatlas_service_account_secret", "org_next", secretState("org_id", o, org.ClientID, orgNext)),
		officialResource("mongodbatlas_cloud_user_project_assignment", "ann", map[string]any{
			"project_id": p, "username": "ann@example.com", "roles": []string{"GROUP_READ_ONLY"}, "user_id": ann.ID,
			"org_membership_status": "ACTIVE", "country": nil, "created_at": nil, "first_name": nil, "last_name": nil,
			"invitation_created_at": nil, "invitation_expires_at": nil, "inviter_username": nil, "last_auth": nil, "mobile_number": nil,
		}),
	)
	w.write("main.tf", movedConfiguration)
	w.write("terraform.tfvars", fmt.Sprintf("project_id = %q\norg_id = %q\nci_client_id = %q\norg_client_id = %q\nshared_client_id = %q\n",
		p, o, ci.ClientID, org.ClientID, shared.ClientID))

	t.Run("without the official provider installed", func(t *testing.T) {
		writeRC(false)
		w.write("terraform.tfstate", state)
		out, err := w.terraform(true, "plan", "-input=false")
		if err == nil || !strings.Contains(flat(out), "This state requires provider registry.terraform.io/mongodb/mongodbatlas, but that provider isn't available") {
			t.Fatalf("terraform planned moved blocks from a provider that is not installed (%v); the guide says it cannot:\n%s", err, out)
		}
	})

	writeRC(true)
	w.write("terraform.tfstate", state)
	start := len(w.sim.Requests())
	out, _ := w.terraform(false, "plan", "-input=false", "-out=moved.tfplan")
	want := []string{"Plan: 0 to add, 0 to change, 0 to destroy."}
	for _, m := range [][2]string{
		{"mongodbatlas_project_service_account.ci", "atlasaccess_project_service_account.ci"},
		{"mongodbatlas_service_account.org", "atlasaccess_service_account.org"},
		{"mongodbatlas_service_account_project_assignment.shared", "atlasaccess_project_service_account_assignment.shared"},
		{"mongodbatlas_project_service_account_secret.ci_next", "atlasaccess_project_service_account_secret.ci_next"},
		{"mongodbatlas_service_account_secret.org_next", "atlasaccess_service_account_secret.org_next"},
		{"mongodbatlas_cloud_user_project_assignment.ann", "atlasaccess_project_user_invite.ann"},
	} {
		want = append(want, fmt.Sprintf("# %s has moved to %s", m[0], m[1]))
	}
	expectOutput(t, "moved plan", out, want, []string{"will be destroyed", "will be created", "will be updated", "must be replaced", "will be imported"})
	if writes := w.writesSince(start); len(writes) > 0 {
		t.Fatalf("the plan of the moves wrote to Atlas:\n  %s", strings.Join(writes, "\n  "))
	}

	applyStart := len(w.sim.Requests())
	out, _ = w.terraform(false, "apply", "-input=false", "moved.tfplan")
	expectOutput(t, "moved apply", out, []string{"Apply complete! Resources: 0 added, 0 changed, 0 destroyed."}, nil)
	if n := len(w.sim.Requests()) - applyStart; n > 0 {
		t.Errorf("the apply of the moves sent %d requests to Atlas, want none", n)
	}
	list, _ := w.terraform(false, "state", "list")
	if strings.Contains(list, "mongodbatlas_") || strings.Count(list, "atlasaccess_") != 6 {
		t.Fatalf("after the moves the state holds:\n%s\nwant the six atlasaccess resources only", list)
	}
	if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the moves is not empty (%v):\n%s", err, out)
	}
	if writes := w.writesSince(start); len(writes) > 0 {
		t.Fatalf("the moves wrote to Atlas:\n  %s", strings.Join(writes, "\n  "))
	}

	// The plaintexts the official provider recorded moved with the state.
	for _, c := range []struct{ address, attribute, want string }{
		{"atlasaccess_project_service_account.ci", "secret", ci.Secrets[0].Secret},
		{"atlasaccess_service_account.org", "secret", org.Secrets[0].Secret},
		{"atlasaccess_project_service_account_secret.ci_next", "secret", ciNext.Secret},
		{"atlasaccess_service_account_secret.org_next", "secret", orgNext.Secret},
	} {
		got := stateAttribute(t, w, c.address, c.attribute)
		if c.want == "" || got != c.want {
			t.Errorf("%s.%s after the move does not hold the plaintext of the old state", c.address, c.attribute)
		}
	}
}

// stateAttribute is a string attribute of the resource at address (type.name)
// in the workspace's state file.
func stateAttribute(t *testing.T, w *workspace, address, attribute string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Attributes map[string]any
			}
		}
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Type+"."+r.Name == address && len(r.Instances) == 1 {
			s, _ := r.Instances[0].Attributes[attribute].(string)
			return s
		}
	}
	t.Fatalf("%s is not in the state", address)
	return ""
}
