package diags

import (
	"fmt"
	"strings"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// Existing is what a resource says of its own object when a create found it
// already in Atlas (a safeops.ExistingError): see ExistingDetail.
type Existing struct {
	// Found is the first sentence, naming the object and what it holds,
	// ending with a space.
	Found string
	// Object names one such object in "declare each <Object> once".
	Object string
	// LostAnswer says why the object Atlas holds after a lost answer was
	// not taken over, ending with a space.
	LostAnswer string
	// TypeName is the resource type; ImportArg is the import ID as the
	// terraform import command line takes it (quoted when the shell needs
	// it), ImportID as an import block takes it.
	TypeName, ImportArg, ImportID string
	// NextApply says what the apply after the import sets.
	NextApply string
}

// ExistingDetail explains why a create did not take over the object it
// found in Atlas, and how to adopt it: declared twice in this
// configuration, after a lost answer without proof that it is this apply's
// work, or created outside this resource; then the import command and
// block, and the failure of the create if there was one.
func ExistingDetail(e Existing, existing *safeops.ExistingError) string {
	var b strings.Builder
	b.WriteString(e.Found)
	switch {
	case existing.HeldHere:
		b.WriteString("Another resource of this configuration already manages it: declare each " + e.Object + " once.")
		return b.String()
	case existing.AfterLostAnswer:
		b.WriteString(e.LostAnswer)
	default:
		b.WriteString("It was created outside this resource, so Terraform did not take it over. ")
	}
	fmt.Fprintf(&b, "To manage it with Terraform, import it instead of creating it:\n\n"+
		"  terraform import %s.<name> %s\n\n"+
		"or add an import block (Terraform 1.5 or later) and apply:\n\n"+
		"  import {\n    to = %s.<name>\n    id = %q\n  }\n\n"+
		"where %s.<name> is this resource's address. %s", e.TypeName, e.ImportArg, e.TypeName, e.ImportID, e.TypeName, e.NextApply)
	if existing.Cause != nil {
		fmt.Fprintf(&b, "\n\nThe create failed with: %v.", existing.Cause)
	}
	return b.String()
}
