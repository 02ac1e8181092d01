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
	want                   *regexp.Regexp
}

// spaced matches pattern in Terraform's output, where any space may be a
// line break.
func spaced(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(pattern, " ", `\s+`))
}

// TestBadInputIsRejectedBeforeAnyRequest tries every kind of invalid input
// across the provider block and all resources (every resource's invalid
// inputs, as its own tests try them), and proves from the simulator's
// request log that none of them sent a write request to Atlas.
func TestBadInputIsRejectedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	fx := e.Sim.Fixtures()
	project := e.ProjectID
	valid := func(s acctest.InvalidInputs) string { return acctest.Resource(s.Type, "test", s.Valid(project)) }

	// withProvider replaces the harness's provider block with body.
	withProvider := func(body string) string {
		return fmt.Sprintf("provider \"atlasaccess\" {\n%s\n}\n", body) + valid(acctest.ServiceAccountInvalidInputs)
	}
	base := fmt.Sprintf("base_url = %q\n", e.BaseURL)
	validAccount := e.Config(valid(acctest.ServiceAccountInvalidInputs))
	validAssignment := e.Config(valid(acctest.AssignmentInvalidInputs))
	validInvite := e.Config(valid(acctest.UserInviteInvalidInputs))
	goodClientID := acctest.GoodClientID

	cases := []badInput{
		// The provider block.
		{name: "two credential sets", config: withProvider(base + fmt.Sprintf("client_id = %q\nclient_secret = %q\npublic_key = %q\nprivate_key = %q", fx.ClientID, fx.ClientSecret, fx.PublicKey, fx.PrivateKey)), want: spaced(`Conflicting Provider Credentials.*client_id and client_secret and public_key and private_key`)},
		{name: "token and client credentials", config: withProvider(base + fmt.Sprintf("access_token = \"t\"\nclient_id = %q\nclient_secret = %q", fx.ClientID, fx.ClientSecret)), want: spaced(`Conflicting Provider Credentials.*access_token and client_id`)},
		{name: "client_id without secret", config: withProvider(base + fmt.Sprintf("client_id = %q", fx.ClientID)), want: spaced(`Incomplete Provider Credentials.*client_secret is missing`)},
		{name: "private_key without public_key", config: withProvider(base + fmt.Sprintf("private_key = %q", fx.PrivateKey)), want: spaced(`Incomplete Provider Credentials.*public_key is missing`)},
		{name: "base_url without scheme", config: withProvider(`base_url = "cloud.mongodb.com"` + "\naccess_token = \"t\""), want: spaced(`base_url.*absolute https URL`)},
		{name: "base_url ftp", config: withProvider(`base_url = "ftp://cloud.mongodb.com"` + "\naccess_token = \"t\""), want: spaced(`base_url.*absolute https URL`)},
		{name: "base_url with credentials", config: withProvider(`base_url = "https://user:pw@cloud.mongodb.com"` + "\naccess_token = \"t\""), want: spaced(`base_url.*must not contain user information`)},
		{name: "base_url http to a remote host", config: withProvider(`base_url = "http://cloud.mongodb.com"` + "\naccess_token = \"t\""), want: spaced(`base_url.*credentials would cross the network in clear.*localhost, 127.0.0.0/8 or \[::1\]`)},
		{name: "max_retries 21", config: withProvider(base + "access_token = \"t\"\nmax_retries = 21"), want: spaced(`max_retries.*between 0 and 20`)},
		{name: "max_retries negative", config: withProvider(base + "access_token = \"t\"\nmax_retries = -1"), want: spaced(`max_retries.*between 0 and 20`)},
		{name: "request_timeout not a duration", config: withProvider(base + "access_token = \"t\"\nrequest_timeout = \"fast\""), want: spaced(`request_timeout.*between 1s and 10m`)},
		{name: "request_timeout zero", config: withProvider(base + "access_token = \"t\"\nrequest_timeout = \"0s\""), want: spaced(`request_timeout.*between 1s and 10m`)},
		{name: "request_timeout an hour", config: withProvider(base + "access_token = \"t\"\nrequest_timeout = \"1h\""), want: spaced(`request_timeout.*between 1s and 10m`)},

		// Malformed import IDs.
		{name: "import account: one part", config: validAccount, resourceName: "atlasaccess_project_service_account.test", importID: project, want: spaced(`project_id/client_id`)},
		{name: "import account: three parts", config: validAccount, resourceName: "atlasaccess_project_service_account.test", importID: project + "/" + goodClientID + "/x", want: spaced(`project_id/client_id`)},
		{name: "import account: bad client ID", config: validAccount, resourceName: "atlasaccess_project_service_account.test", importID: project + "/not-a-client", want: spaced(`client_id.*mdb_sa_id_`)},
		{name: "import assignment: bad project ID", config: validAssignment, resourceName: "atlasaccess_project_service_account_assignment.test", importID: "xyz/" + goodClientID, want: spaced(`project_id`)},
		{name: "import invite: empty second part", config: validInvite, resourceName: "atlasaccess_project_user_invite.test", importID: project + "/", want: spaced(`project_id/username`)},
		{name: "import invite: neither email nor user ID", config: validInvite, resourceName: "atlasaccess_project_user_invite.test", importID: project + "/ann", want: spaced(`project_id/username.*project_id/user_id`)},
	}
	// atlasaccess_project_ip_access_list (issue 27).
	ipList := func(entries string) string {
		return e.Config(fmt.Sprintf("resource \"atlasaccess_project_ip_access_list\" \"test\" {\n  project_id = %q\n  entries = [%s]\n}\n", project, entries))
	}
	cases = append(cases,
		badInput{name: "ip access list: block with host bits", config: ipList(`{ cidr_block = "10.0.0.1/24" }`), want: spaced(`cidr_block.*10.0.0.0/24`)},
		badInput{name: "ip access list: not an address", config: ipList(`{ cidr_block = "10.0.0.300" }`), want: spaced(`cidr_block.*must be an IPv4 or IPv6 address`)},
		badInput{name: "ip access list: block and security group", config: ipList(`{ cidr_block = "10.0.0.0/8", aws_security_group = "sg-0123abcd" }`), want: spaced(`Invalid Attribute Combination`)},
		badInput{name: "ip access list: bad security group", config: ipList(`{ aws_security_group = "sg-xyz" }`), want: spaced(`aws_security_group.*sg-`)},
		badInput{name: "ip access list: comment of 81 characters", config: ipList(`{ cidr_block = "10.0.0.0/8", comment = "` + strings.Repeat("x", 81) + `" }`), want: spaced(`comment.*80`)},
		badInput{name: "ip access list: one entry twice", config: ipList(`{ cidr_block = "10.0.0.1" }, { cidr_block = "10.0.0.1/32" }`), want: spaced(`Duplicate IP Access List Entry`)},
		badInput{name: "ip access list: no entries", config: ipList(``), want: spaced(`entries.*at least 1`)},
		badInput{name: "import ip access list: not a project ID", config: ipList(`{ cidr_block = "10.0.0.0/8" }`), resourceName: "atlasaccess_project_ip_access_list.test", importID: project + "/x", want: spaced(`Invalid Import ID.*project ID`)},
	)
	if os.Getenv("MONGODB_ATLAS_CLIENT_ID")+os.Getenv("MONGODB_ATLAS_PUBLIC_KEY")+os.Getenv("MONGODB_ATLAS_PUBLIC_API_KEY")+os.Getenv("MONGODB_ATLAS_ACCESS_TOKEN") == "" {
		cases = append(cases, badInput{name: "no credentials anywhere", config: withProvider(base), want: spaced(`Missing Provider Credentials.*client_id and client_secret.*MONGODB_ATLAS_CLIENT_ID`)})
	}
	// atlasaccess_team (organization-scoped: its block names fx.OrgID).
	team := func(attr string, value any) string {
		attrs := acctest.Attrs{"org_id": fx.OrgID, "name": "platform", "usernames": []string{"ann@example.com"}}
		attrs[attr] = value
		return e.Config(acctest.Resource("atlasaccess_team", "test", attrs))
	}
	cases = append(cases,
		badInput{name: "team: empty name", config: team("name", ""), want: spaced(`name.*character count must be between 1 and 255`)},
		badInput{name: "team: name too long", config: team("name", strings.Repeat("n", 256)), want: spaced(`name.*character count must be between 1 and 255`)},
		badInput{name: "team: bad org_id", config: team("org_id", "not-an-org"), want: spaced(`org_id.*24-character lowercase hexadecimal`)},
		badInput{name: "team: username not an email", config: team("usernames", []string{"ann"}), want: spaced(`usernames.*email address`)},
		badInput{name: "import team: no name or ID", config: team("name", "platform"), resourceName: "atlasaccess_team.test", importID: fx.OrgID + "/", want: spaced(`org_id/team_id or org_id/team name`)},
	)

	// Every resource's invalid inputs, defined once for its own tests and this one.
	for _, s := range acctest.AllInvalidInputs() {
		for _, c := range s.Cases {
			cases = append(cases, badInput{name: s.Type + ": " + c.Name, config: e.Config(s.Config(project, c)), want: acctest.Diagnostic(c.Want...)})
		}
	}

	// atlasaccess_project_team: its invalid inputs and malformed import IDs.
	for _, c := range acctest.ProjectTeamInvalidInputs.Cases {
		cases = append(cases, badInput{name: acctest.ProjectTeamType + ": " + c.Name, config: e.Config(acctest.ProjectTeamInvalidInputs.Config(project, c)), want: acctest.Diagnostic(c.Want...)})
	}
	validProjectTeam := e.Config(valid(acctest.ProjectTeamInvalidInputs))
	cases = append(cases,
		badInput{name: "import project team: one part", config: validProjectTeam, resourceName: acctest.ProjectTeamType + ".test", importID: project, want: spaced(`project_id/team_id`)},
		badInput{name: "import project team: team name", config: validProjectTeam, resourceName: acctest.ProjectTeamType + ".test", importID: project + "/backend", want: spaced(`team_id.*project_id/team_id`)},
	)

	// atlasaccess_database_user and atlasaccess_custom_db_role (issue 27): their
	// single-attribute inputs come with AllInvalidInputs; here the combinations
	// and the malformed import IDs.
	dbUser := func(body string) string {
		return e.Config(fmt.Sprintf("resource %q \"test\" {\n  project_id = %q\n%s\n  roles = [{ role_name = \"read\", database_name = \"orders\" }]\n}\n", acctest.DatabaseUserType, project, body))
	}
	validDBUser := e.Config(valid(acctest.DatabaseUserInvalidInputs))
	validRole := e.Config(valid(acctest.CustomDBRoleInvalidInputs))
	cases = append(cases,
		badInput{name: "database user: password and x509", config: dbUser("  username = \"app\"\n  password_wo = \"correct-horse\"\n  x509_type = \"CUSTOMER\""), want: spaced(`Invalid Attribute Combination.*password_wo,x509_type`)},
		badInput{name: "database user: no authentication kind", config: dbUser("  username = \"app\""), want: spaced(`Missing Authentication Kind.*a new user needs one of`)},
		badInput{name: "database user: x509 on admin", config: dbUser("  username = \"CN=app\"\n  x509_type = \"MANAGED\""), want: spaced(`auth_database.*X.509 user \(x509_type\)`)},
		badInput{name: "database user: aws iam user with a role ARN", config: dbUser("  username = \"arn:aws:iam::123456789012:role/app\"\n  auth_database = \"$external\"\n  aws_iam_type = \"USER\""), want: spaced(`username.*ARN of an IAM user`)},
		badInput{name: "database user: password version without password", config: dbUser("  username = \"arn:aws:iam::123456789012:role/app\"\n  auth_database = \"$external\"\n  aws_iam_type = \"ROLE\"\n  password_wo_version = 1"), want: spaced(`password_wo_version.*password_wo`)},
		badInput{name: "import database user: no username", config: validDBUser, resourceName: acctest.DatabaseUserType + ".test", importID: project + "/admin", want: spaced(`project_id/auth_database/username`)},
		badInput{name: "import database user: unknown authentication database", config: validDBUser, resourceName: acctest.DatabaseUserType + ".test", importID: project + "/local/app", want: spaced(`auth_database "local" must be one of admin, \$external`)},
		badInput{name: "import custom role: no role name", config: validRole, resourceName: acctest.CustomDBRoleType + ".test", importID: project, want: spaced(`project_id/role_name`)},
		badInput{name: "import custom role: name with a dot", config: validRole, resourceName: acctest.CustomDBRoleType + ".test", importID: project + "/a.b", want: spaced(`role_name "a.b".*project_id/role_name`)},
	)

	// atlasaccess_org_user lives in an organization: its blocks take the organization ID.
	for _, c := range acctest.OrgUserInvalidInputs.Cases {
		cases = append(cases, badInput{name: acctest.OrgUserType + ": " + c.Name, config: e.Config(acctest.OrgUserInvalidInputs.Config(e.OrgID, c)), want: acctest.Diagnostic(c.Want...)})
	}
	validOrgUser := e.Config(acctest.Resource(acctest.OrgUserType, "test", acctest.OrgUserInvalidInputs.Valid(e.OrgID)))
	cases = append(cases,
		badInput{name: "import org user: no username", config: validOrgUser, resourceName: acctest.OrgUserType + ".test", importID: e.OrgID, want: spaced(`org_id/username`)},
		badInput{name: "import org user: not an email", config: validOrgUser, resourceName: acctest.OrgUserType + ".test", importID: e.OrgID + "/ann", want: spaced(`username "ann" is not an email address.*org_id/username`)},
		badInput{name: "import org user: project-style ID", config: validOrgUser, resourceName: acctest.OrgUserType + ".test", importID: "xyz/ann@example.com", want: spaced(`org_id "xyz" must be 24 lowercase hexadecimal digits`)},
	)

	// Each case is a different input: the count below is of distinct ones.
	seen := make(map[string]string, len(cases))
	for _, c := range cases {
		key := c.config + "\x00" + c.resourceName + "\x00" + c.importID
		if other, dup := seen[key]; dup {
			t.Fatalf("bad inputs %q and %q are the same input", other, c.name)
		}
		seen[key] = c.name
	}
	if len(cases) < 48 {
		t.Fatalf("only %d bad inputs: the table must cover at least the 48 it had before the resources' inputs were shared", len(cases))
	}

	var tried int
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		step := resource.TestStep{PreConfig: func() { tried++ }, Config: c.config, ExpectError: c.want}
		if c.importID != "" {
			step.ImportState, step.ResourceName, step.ImportStateId = true, c.resourceName, c.importID
		} else {
			step.PlanOnly = true
		}
		steps = append(steps, step)
	}
	e.Run(t, resource.TestCase{Steps: steps})

	writes := e.WriteRequests()
	if len(writes) != 0 {
		t.Fatalf("bad input sent %d write requests to Atlas, first %s %s", len(writes), writes[0].Method, writes[0].Path)
	}
	t.Logf("figures: bad inputs tried=%d, write requests=%d, requests of any kind=%d", tried, len(writes), len(e.Sim.Requests()))
}
