package diags

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// WarnLeftoverSecrets adds one warning naming each secret that a secret
// create with an unknown outcome may have issued and that was not deleted,
// because nothing proved it was that request's and not someone else's.
// what names the account ("service account … of project …"). Nothing is
// added when leftovers is empty.
func WarnLeftoverSecrets(d *diag.Diagnostics, what string, owner client.Owner, clientID string, leftovers []client.ServiceAccountSecret) {
	if len(leftovers) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Issuing a secret for %s met an unknown outcome (the answer was lost, or Atlas failed), so Atlas may have issued a secret "+
		"whose plaintext was only in that answer: nobody holds it and nobody can use it. ", what)
	if len(leftovers) == 1 {
		b.WriteString("This secret may be that one, but it may also be someone else's (a secret another configuration keeps in its state, " +
			"or one another team issued moments before), so it was not deleted:\n")
	} else {
		b.WriteString("These secrets may be that one, but they may also be someone else's (secrets another configuration keeps in its state, " +
			"or that another team issued moments before), so none was deleted:\n")
	}
	for _, sec := range leftovers {
		fmt.Fprintf(&b, "  - %s (created %s, expires %s); to delete it: %s\n", sec.ID, sec.CreatedAt, sec.ExpiresAt, owner.DeleteSecretCall(clientID, sec.ID))
	}
	b.WriteString("\nEach one fills one of the account's secret slots until it is deleted, even after it expires. Once you have checked that " +
		"no configuration (no secret_id in any state) and no person uses it, delete it in the Atlas UI, on the service account's page, " +
		"or with the Atlas Admin API call shown.")
	d.AddWarning("Possible Leftover Service Account Secrets", b.String())
}
