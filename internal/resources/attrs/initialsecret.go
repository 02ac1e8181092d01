package attrs

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// FirstSecretState points at the attributes of an account resource (project
// or organization) that record the secret Atlas issued with the account.
type FirstSecretState struct {
	Secret  *types.String // the plaintext
	Keep    *types.Bool   // keep_initial_secret
	Secrets *types.List   // every secret, without plaintext
	Hours   *types.Number // secret_expires_after_hours
}

// SetFromAPI records the account's secrets as Atlas reports them. It keeps
// what Atlas never returns again (the plaintext, and the configured
// lifetime, read back from the secrets only after an import) and gives
// keep_initial_secret its default when the state has none.
func (f FirstSecretState) SetFromAPI(secrets []client.ServiceAccountSecret) {
	*f.Secrets = SecretsToList(secrets)
	if f.Hours.IsNull() || f.Hours.IsUnknown() {
		*f.Hours = FirstSecretHours(secrets)
	}
	if f.Keep.IsNull() || f.Keep.IsUnknown() {
		*f.Keep = types.BoolValue(true)
	}
	if f.Secret.IsUnknown() {
		*f.Secret = types.StringNull()
	}
}

// InitialSecretDeleter deletes the initial secret of one account, recorded
// ("" when no ID was recorded), among the account's secrets:
// safeops.Service.DeleteInitialSecret bound to the account.
type InitialSecretDeleter func(recorded string, secrets []client.ServiceAccountSecret) (safeops.InitialSecretOutcome, error)

// TakeInitialSecret records, after a create, the secret Atlas issued with
// the account (its answer's secrets): its ID in private state, for a later
// switch of keep_initial_secret, and its plaintext in secret. When
// keep_initial_secret is false it deletes that secret at once instead.
func TakeInitialSecret(ctx context.Context, private PrivateState, f FirstSecretState, what string, secrets []client.ServiceAccountSecret, del InitialSecretDeleter, d *diag.Diagnostics) {
	*f.Secret = FirstSecretPlaintext(secrets)
	initial := safeops.InitialSecretID(secrets)
	if initial == "" {
		return
	}
	d.Append(RecordInitialSecret(ctx, private, initial)...)
	if !f.Keep.ValueBool() {
		dropInitialSecret(f, what, secrets, initial, del, d)
	}
}

// DropInitialSecret carries out a switch of keep_initial_secret to false on
// an existing account whose secrets were just read: it deletes the initial
// secret when its ID was recorded at create, and warns when it was not (an
// import, or state written by an older version).
func DropInitialSecret(ctx context.Context, private PrivateState, f FirstSecretState, what string, secrets []client.ServiceAccountSecret, del InitialSecretDeleter, d *diag.Diagnostics) {
	dropInitialSecret(f, what, secrets, RecordedInitialSecret(ctx, private), del, d)
}

// dropInitialSecret has del delete the initial secret and records the
// account without it. The plaintext is dropped either way, as
// keep_initial_secret = false asks. When the delete fails, the state
// records what is true, keep_initial_secret = true, with an error: after a
// create, Terraform then replaces the new account at the next apply; after
// an update, the next apply deletes the secret again. what names the
// account ("service account … of project …").
func dropInitialSecret(f FirstSecretState, what string, secrets []client.ServiceAccountSecret, recorded string, del InitialSecretDeleter, d *diag.Diagnostics) {
	*f.Secret = types.StringNull()
	outcome, err := del(recorded, secrets)
	if err != nil {
		*f.Keep = types.BoolValue(true)
		d.AddError("Error Deleting Initial Secret",
			diags.APIErrorDetail(fmt.Sprintf("Deleting the initial secret %s of %s (keep_initial_secret = false)", recorded, what), err,
				"The account and that secret exist, and the state says so."))
		return
	}
	switch outcome {
	case safeops.InitialSecretDeleted:
		*f.Keep = types.BoolValue(false)
		*f.Secrets = SecretsToList(WithoutSecret(secrets, recorded))
		return
	case safeops.InitialSecretNotIdentified:
		d.AddWarning("Initial Secret Not Identified",
			fmt.Sprintf("keep_initial_secret is now false for %s, but the secret Atlas issued with the account cannot be told apart "+
				"from the account's other secrets (the account was imported, or created by an older version of this provider). "+
				"Creation times cannot prove which secret that is, and deleting another one would cut off whoever holds it, so no secret was deleted. "+
				"Once you have checked which secret nobody uses, delete it in the Atlas UI, on the service account's page.", what))
	}
	// Gone already, or not identifiable: nothing was deleted.
	*f.Secrets = SecretsToList(secrets)
}
