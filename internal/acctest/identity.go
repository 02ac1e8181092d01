package acctest

import (
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// IdentityWant is the identity a resource address must have after apply.
type IdentityWant map[string]map[string]knownvalue.Check

// IdentityTestCase applies config and checks each address's identity, then
// imports each address again through an import block that names it by its
// identity (Terraform 1.12+), a no-op import with the same config. A
// refresh and an empty plan in between prove that reads keep the identity. The case skips
// on an older Terraform, or fails where CI asks for a current one.
func IdentityTestCase(config string, want IdentityWant) resource.TestCase {
	checks := make([]statecheck.StateCheck, 0, len(want))
	addrs := make([]string, 0, len(want))
	for addr, identity := range want {
		checks = append(checks, statecheck.ExpectIdentity(addr, identity))
		addrs = append(addrs, addr)
	}
	steps := []resource.TestStep{
		{Config: config, ConfigStateChecks: checks},
		{
			RefreshState:      true,
			RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{Config: config, ConfigStateChecks: checks, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
	}
	for _, addr := range addrs {
		steps = append(steps, resource.TestStep{
			Config:          config,
			ResourceName:    addr,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		})
	}
	return resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{NeedsTerraform(TerraformIdentity)},
		Steps:                  steps,
	}
}
