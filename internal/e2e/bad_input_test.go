package e2e

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// badInput is one invalid configuration: it must fail at validate or plan
// (or import) with an error matching want, which names the attribute.
type badInput struct {
	name   string
	config string
	// importID, when set, imports into resourceName instead of planning.
	importID, resourceName string
	want                   string
}

// TestBadInputIsRejectedBeforeAnyRequest tries every kind of invalid input
// across the provider block and all resources, and proves from the
// simulator's request log that none of them sent a write request to Atlas.
func TestBadInputIsRejectedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	fx := e.Sim.Fixtures()
	project := e.ProjectID
	goodClientID := "mdb_sa_id_1234567890abcdef12345678"

	account := func(projectID, name, desc, roles string, hours int) string {
		return fmt.Sprintf(`
resource "atlasaccess_project_service_account" "test" {
  project_id                 = %q
  name                       = %q
  description                = %q
  roles                      = [%s]
  secret_expires_after_hours = %d
}
`, projectID, name, desc, roles, hours)
	}
	assignment := func(projectID, clientID, roles string) string {
		return fmt.Sprintf(`
resource "atlasaccess_project_service_account_assignment" "test" {
  project_id = %q
  client_id  = %q
  roles      = [%s]
}
`, projectID, clientID, roles)
	}
	invite := func(projectID, username, roles string) string {
		return fmt.Sprintf(`
resource "atlasaccess_project_user_invite" "test" {
  project_id = %q
  username   = %q
  roles      = [%s]
}
`, projectID, username, roles)
	}
	// withProvider replaces the harness's provider block with body.
	withProvider := func(body string) string {
		return fmt.Sprintf("provider \"atlasaccess\" {\n%s\n}\n", body) + account(project, "n", "d", `"GROUP_READ_ONLY"`, 24)
	}
	base := fmt.Sprintf("base_url = %q\n", e.BaseURL)
	ro := `"GROUP_READ_ONLY"`
	validAccount := e.Config(account(project, "n", "d", ro, 24))
	validAssignment := e.Config(assignment(project, goodClientID, ro))
	validInvite := e.Config(invite(project, "ann@example.com", ro))

	cases := []badInput{
		// The provider block.
		{name: "two credential sets", config: withProvider(base + fmt.Sprintf("client_id = %q\nclient_secret = %q\npublic_key = %q\nprivate_key = %q", fx.ClientID, fx.ClientSecret, fx.PublicKey, fx.PrivateKey)), want: `Conflicting Provider Credentials.*client_id and client_secret and public_key and private_key`},
		{name: "token and client credentials", config: withProvider(base + fmt.Sprintf("access_token = \"t\"\nclient_id = %q\nclient_secret = %q", fx.ClientID, fx.ClientSecret)), want: `Conflicting Provider Credentials.*access_token and client_id`},
		{name: "client_id without secret", config: withProvider(base + fmt.Sprintf("client_id = %q", fx.ClientID)), want: `Incomplete Provider Credentials.*client_secret is missing`},
		{name: "private_key without public_key", config: withProvider(base + fmt.Sprintf("private_key = %q", fx.PrivateKey)), want: `Incomplete Provider Credentials.*public_key is missing`},
		{name: "base_url without scheme", config: withProvider(`base_url = "cloud.mongodb.com"` + "\naccess_token = \"t\""), want: `base_url.*absolute http or https URL`},
		{name: "base_url ftp", config: withProvider(`base_url = "ftp://cloud.mongodb.com"` + "\naccess_token = \"t\""), want: `base_url.*absolute http or https URL`},
		{name: "base_url with credentials", config: withProvider(`base_url = "https://user:pw@cloud.mongodb.com"` + "\naccess_token = \"t\""), want: `base_url.*credentials in the URL`},
		{name: "max_retries 21", config: withProvider(base + "access_token = \"t\"\nmax_retries = 21"), want: `max_retries.*between 0 and 20`},
		{name: "max_retries negative", config: withProvider(base + "access_token = \"t\"\nmax_retries = -1"), want: `max_retries.*between 0 and 20`},
		{name: "request_timeout not a duration", config: withProvider(base + "access_token = \"t\"\nrequest_timeout = \"fast\""), want: `request_timeout.*between 1s and 10m`},
		{name: "request_timeout zero", config: withProvider(base + "access_token = \"t\"\nrequest_timeout = \"0s\""), want: `request_timeout.*between 1s and 10m`},
		{name: "request_timeout an hour", config: withProvider(base + "access_token = \"t\"\nrequest_timeout = \"1h\""), want: `request_timeout.*between 1s and 10m`},

		// atlasaccess_project_service_account.
		{name: "account: project ID too short", config: e.Config(account("abc", "n", "d", ro, 24)), want: `project_id.*24-character lowercase hexadecimal`},
		{name: "account: project ID uppercase", config: e.Config(account(strings.ToUpper(project), "n", "d", ro, 24)), want: `project_id.*hexadecimal`},
		{name: "account: project ID not hex", config: e.Config(account("zzzzzzzzzzzzzzzzzzzzzzzz", "n", "d", ro, 24)), want: `project_id.*hexadecimal`},
		{name: "account: unknown role", config: e.Config(account(project, "n", "d", `"GROUP_READONLY"`, 24)), want: `roles.*GROUP_OWNER`},
		{name: "account: organization role", config: e.Config(account(project, "n", "d", `"ORG_OWNER"`, 24)), want: `roles.*GROUP_OWNER`},
		{name: "account: lowercase role", config: e.Config(account(project, "n", "d", `"group_owner"`, 24)), want: `roles.*value must be one of`},
		{name: "account: empty roles", config: e.Config(account(project, "n", "d", ``, 24)), want: `roles.*at least 1`},
		{name: "account: 65-character name", config: e.Config(account(project, strings.Repeat("n", 65), "d", ro, 24)), want: `name.*between 1 and 64`},
		{name: "account: empty name", config: e.Config(account(project, "", "d", ro, 24)), want: `name.*between 1 and 64`},
		{name: "account: slash in name", config: e.Config(account(project, "ci/cd", "d", ro, 24)), want: `name.*may contain only letters`},
		{name: "account: emoji in name", config: e.Config(account(project, "ci 🚀", "d", ro, 24)), want: `name.*may contain only letters`},
		{name: "account: 251-character description", config: e.Config(account(project, "n", strings.Repeat("d", 251), ro, 24)), want: `description.*between 1 and 250`},
		{name: "account: empty description", config: e.Config(account(project, "n", "", ro, 24)), want: `description.*between 1 and 250`},
		{name: "account: semicolon in description", config: e.Config(account(project, "n", "a; b", ro, 24)), want: `description.*may contain only letters`},
		{name: "account: 0 hours", config: e.Config(account(project, "n", "d", ro, 0)), want: `secret_expires_after_hours.*between 8 and 8760`},
		{name: "account: 7 hours", config: e.Config(account(project, "n", "d", ro, 7)), want: `secret_expires_after_hours.*between 8 and 8760`},
		{name: "account: 8761 hours", config: e.Config(account(project, "n", "d", ro, 8761)), want: `secret_expires_after_hours.*between 8 and 8760`},
		{name: "account: negative hours", config: e.Config(account(project, "n", "d", ro, -24)), want: `secret_expires_after_hours.*between 8 and 8760`},

		// atlasaccess_project_service_account_assignment.
		{name: "assignment: short client ID", config: e.Config(assignment(project, "mdb_sa_id_1234", ro)), want: `client_id.*mdb_sa_id_ followed by 24`},
		{name: "assignment: secret prefix as client ID", config: e.Config(assignment(project, "mdb_sa_sk_1234567890abcdef12345678", ro)), want: `client_id.*mdb_sa_id_ followed by 24`},
		{name: "assignment: non-hex client ID", config: e.Config(assignment(project, "mdb_sa_id_1234567890abcdef1234567g", ro)), want: `client_id.*mdb_sa_id_ followed by 24`},
		{name: "assignment: bad project ID", config: e.Config(assignment("32b6e34b3d91647abb20e7b", goodClientID, ro)), want: `project_id.*24-character`},
		{name: "assignment: unknown role", config: e.Config(assignment(project, goodClientID, `"GROUP_ADMIN"`)), want: `roles.*GROUP_OWNER`},
		{name: "assignment: empty roles", config: e.Config(assignment(project, goodClientID, ``)), want: `roles.*at least 1`},

		// atlasaccess_project_user_invite.
		{name: "invite: not an email", config: e.Config(invite(project, "ann.example.com", ro)), want: `username.*email address`},
		{name: "invite: display name", config: e.Config(invite(project, "Ann <ann@example.com>", ro)), want: `username.*email address`},
		{name: "invite: no domain dot", config: e.Config(invite(project, "ann@localhost", ro)), want: `username.*email address`},
		{name: "invite: space in email", config: e.Config(invite(project, "ann smith@example.com", ro)), want: `username.*email address`},
		{name: "invite: unknown role", config: e.Config(invite(project, "ann@example.com", `"GROUP_READER"`)), want: `roles.*GROUP_OWNER`},
		{name: "invite: empty roles", config: e.Config(invite(project, "ann@example.com", ``)), want: `roles.*at least 1`},
		{name: "invite: bad project ID", config: e.Config(invite("not-a-project", "ann@example.com", ro)), want: `project_id.*24-character`},

		// Malformed import IDs.
		{name: "import account: one part", config: validAccount, resourceName: "atlasaccess_project_service_account.test", importID: project, want: `project_id/client_id`},
		{name: "import account: three parts", config: validAccount, resourceName: "atlasaccess_project_service_account.test", importID: project + "/" + goodClientID + "/x", want: `project_id/client_id`},
		{name: "import account: bad client ID", config: validAccount, resourceName: "atlasaccess_project_service_account.test", importID: project + "/not-a-client", want: `client_id.*mdb_sa_id_`},
		{name: "import assignment: bad project ID", config: validAssignment, resourceName: "atlasaccess_project_service_account_assignment.test", importID: "xyz/" + goodClientID, want: `project_id`},
		{name: "import invite: empty second part", config: validInvite, resourceName: "atlasaccess_project_user_invite.test", importID: project + "/", want: `project_id/username`},
		{name: "import invite: neither email nor user ID", config: validInvite, resourceName: "atlasaccess_project_user_invite.test", importID: project + "/ann", want: `project_id/username.*project_id/user_id`},
	}
	if os.Getenv("MONGODB_ATLAS_CLIENT_ID")+os.Getenv("MONGODB_ATLAS_PUBLIC_KEY")+os.Getenv("MONGODB_ATLAS_PUBLIC_API_KEY")+os.Getenv("MONGODB_ATLAS_ACCESS_TOKEN") == "" {
		cases = append(cases, badInput{name: "no credentials anywhere", config: withProvider(base), want: `Missing Provider Credentials.*client_id and client_secret.*MONGODB_ATLAS_CLIENT_ID`})
	}
	if len(cases) < 40 {
		t.Fatalf("only %d bad inputs: the table must cover at least 40", len(cases))
	}

	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		want := regexp.MustCompile(`(?s)` + strings.ReplaceAll(c.want, " ", `\s+`))
		step := resource.TestStep{Config: c.config, ExpectError: want}
		if c.importID != "" {
			step.ImportState, step.ResourceName, step.ImportStateId = true, c.resourceName, c.importID
		} else {
			step.PlanOnly = true
		}
		steps = append(steps, step)
	}
	e.Run(t, resource.TestCase{Steps: steps})

	if writes := e.WriteRequests(); len(writes) != 0 {
		t.Fatalf("bad input sent %d write requests to Atlas, first %s %s", len(writes), writes[0].Method, writes[0].Path)
	}
	t.Logf("figures: bad inputs tried=%d, write requests=0, requests of any kind=%d", len(cases), len(e.Sim.Requests()))
}
