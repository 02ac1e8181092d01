package accesslist

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

func (k kind) schema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The whole API access list of " + k.accountPhrase + ": the addresses and CIDR blocks from which " +
			"the account may call the Atlas Administration API. Once the list has an entry, Atlas refuses the account's API requests " +
			"from any other address.\n\n" +
			"This resource is **authoritative**: it owns every entry of the account's list. An entry added outside Terraform " +
			"(in the Atlas UI, with the CLI, or by someone adding `0.0.0.0/0` by hand) shows up at the next plan as a removal, " +
			"and the apply removes it. Creating the resource takes over the list the account already has: entries the " +
			"configuration does not declare are removed, with a warning naming them. Declare one resource per account.\n\n" +
			"**An empty list means no restriction** in Atlas: the account may then call the API from anywhere. So `cidr_blocks` " +
			"may not be empty, and **destroying this resource removes the entries its state holds, which lifts the restriction** " +
			"unless other entries remain. A destroy never removes an entry added since the last refresh by someone else, nor one that " +
			"another access-list resource of the same apply declares for the account. To fence the account in again, apply a list; " +
			"to stop managing the list without changing it, use `terraform state rm` (or a `removed` block with `destroy = false`).\n\n" +
			"Atlas keeps one list per account, whichever path reads it. To move a list between " +
			"`atlasaccess_project_service_account_access_list` and `atlasaccess_service_account_access_list`, use a `moved` block: " +
			"the move sends no request, and the plan that follows updates the owner attribute in place (its apply reads the list " +
			"and changes nothing). Without a `moved` block the old resource is destroyed and the new one created, and the end state " +
			"is still the new resource's list.\n\n" +
			"A plan warns when the list is created or changed with `0.0.0.0/0` or `::/0` (which admit every address), and when " +
			"the list is that of the account the provider signs in as: it must then include the address Terraform runs from.\n\n" +
			"Atlas never lets an account remove the address its own request comes from. If the provider signs in as the account " +
			"whose list it manages and the list would drop the address Terraform runs from, the apply fails with an error that names " +
			"the entry; apply with other credentials or from another address, or remove the entry in the Atlas UI.",
		Attributes: map[string]schema.Attribute{
			"id": attrs.ResourceID("Identifier of the resource: `" + k.Attr + "/client_id`."),
			k.Attr: schema.StringAttribute{
				MarkdownDescription: "ID of the Atlas " + k.Word + " of the service account (24 hexadecimal digits). " + k.ownerChange,
				Required:            true,
				Validators:          k.Validators(),
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of the service account whose API access list this is: `mdb_sa_id_` followed by 24 hexadecimal digits. " +
					"Changing it creates a new resource.",
				Required:      true,
				Validators:    validate.ClientID(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cidr_blocks": schema.SetAttribute{
				MarkdownDescription: "Every address and CIDR block the account may call the API from: " + validate.CIDRBlocksDescription + ". " +
					"A bare address means that single address (`/32` for IPv4, `/128` for IPv6), so `10.0.0.1` and `10.0.0.1/32` are the " +
					"same entry and switching between them plans no change; IPv6 is compared in canonical form (case and `::` do not matter). " +
					"A block with host bits set, such as `10.0.0.1/24`, is an error that gives its canonical form (`10.0.0.0/24`). " +
					"At least one entry: an empty list means no restriction in Atlas, so to lift the restriction destroy this resource instead.",
				Required:      true,
				ElementType:   types.StringType,
				Validators:    validate.CIDRBlocks(),
				PlanModifiers: []planmodifier.Set{sameBlocksKeepState{}},
			},
		},
	}
}

// sameBlocksKeepState plans the prior cidr_blocks when the configuration
// names the same blocks in other spellings (10.0.0.1 for 10.0.0.1/32, or
// after an import, which stores Atlas's spelling). Terraform accepts a
// prior value in place of the configured one as functionally equivalent,
// so such a configuration plans no change.
//
// Semantic equality of a custom element type would not do: the framework
// applies it to refreshes and applies, not to plans, so the plan after an
// import would still show every respelled entry as replaced.
type sameBlocksKeepState struct{}

func (sameBlocksKeepState) Description(context.Context) string {
	return "An address and its /32 (or /128) block, and IPv6 spellings of one block, plan no change."
}

func (m sameBlocksKeepState) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (sameBlocksKeepState) PlanModifySet(_ context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	if sameBlocks(req.PlanValue, req.StateValue) {
		resp.PlanValue = req.StateValue
	}
}
