package acctest

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// EnvTerraformCurrent is set by CI's second run of the Terraform-driven
// suite, the one with a current Terraform (scripts/build-terraform.sh). There
// a test that needs a newer Terraform than the one it got fails instead of
// skipping: a skip would hide that CI never ran it.
const EnvTerraformCurrent = "ATLASACCESS_TF_CURRENT"

// Terraform versions that brought what some tests need.
var (
	// TerraformIdentity is the first Terraform with resource identity
	// (import blocks with identity, identity in state).
	TerraformIdentity = tfversion.Version1_12_0
	// TerraformQuery is the first Terraform with list resources and
	// terraform query.
	TerraformQuery = tfversion.Version1_14_0
)

// currentRequired reports whether CI asked for a current Terraform.
func currentRequired() bool { return os.Getenv(EnvTerraformCurrent) != "" }

// NeedsTerraform is the version check for a test case that needs at least
// minimum: the test skips on an older Terraform, except when CI set
// ATLASACCESS_TF_CURRENT, where an older Terraform is an error.
func NeedsTerraform(minimum *version.Version) tfversion.TerraformVersionCheck {
	if currentRequired() {
		return tfversion.RequireAbove(minimum)
	}
	return tfversion.SkipBelow(minimum)
}

// RequireTerraformCLI skips t, or fails it when CI set
// ATLASACCESS_TF_CURRENT, unless the terraform CLI the tests use
// (TF_ACC_TERRAFORM_PATH, else terraform on PATH) is at least minimum. It is
// for tests that drive the CLI themselves; test cases use NeedsTerraform.
func RequireTerraformCLI(t *testing.T, minimum *version.Version) {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		bin = "terraform"
	}
	out, err := exec.Command(bin, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", bin, err)
	}
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("reading %s version -json: %v", bin, err)
	}
	got, err := version.NewVersion(v.TerraformVersion)
	if err != nil {
		t.Fatalf("terraform version %q: %v", v.TerraformVersion, err)
	}
	if got.Core().GreaterThanOrEqual(minimum) {
		return
	}
	msg := "this test needs Terraform >= " + minimum.String() + "; " + bin + " is " + got.String()
	if currentRequired() {
		t.Fatalf("%s. CI set %s, so a missing newer Terraform is an error (make terraform-current builds one)", msg, EnvTerraformCurrent)
	}
	t.Skipf("%s (make terraform-current builds one; set TF_ACC_TERRAFORM_PATH to it)", msg)
}
