// Package diags builds the diagnostics of resources: details from Atlas and
// write-safety errors, with the Terraform commands that resolve them, the
// expiry warnings of secrets, and the words shared by the authoritative
// list resources (lists.go).
package diags

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// APIErrorDetail describes err for a diagnostic detail: what failed, the Atlas
// error code and detail when there is one, and what to do next.
func APIErrorDetail(action string, err error, hint string) string {
	switch {
	case client.IsCallerNotOnAccessList(err) && hint != "":
		hint = NotOnAccessListHint + "\n\n" + hint
	case client.IsCallerNotOnAccessList(err):
		hint = NotOnAccessListHint
	case hint == "":
		hint = configurationHint(err)
	}
	var b strings.Builder
	b.WriteString(action)
	b.WriteString(": ")
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Fprintf(&b, "Atlas answered HTTP %d", apiErr.StatusCode)
		if apiErr.ErrorCode != "" {
			fmt.Fprintf(&b, " with error code %s", apiErr.ErrorCode)
		}
		if apiErr.Detail != "" {
			fmt.Fprintf(&b, ": %s", apiErr.Detail)
		}
		if !strings.HasSuffix(b.String(), ".") {
			b.WriteString(".")
		}
		if apiErr.BadRequestDetail != nil {
			for _, f := range apiErr.BadRequestDetail.Fields {
				fmt.Fprintf(&b, "\n  - %s: %s", f.Field, f.Description)
			}
		}
		if hint == "" {
			hint = hintFor(apiErr)
		}
		if client.IsAccessTokenRejected(err) {
			b.WriteString(" The access token was rejected.")
		}
	} else {
		b.WriteString(strings.TrimSuffix(err.Error(), "."))
		b.WriteString(".")
	}
	if hint != "" {
		b.WriteString("\n\n")
		b.WriteString(hint)
	}
	return b.String()
}

// configurationHint names the provider setting to fix when err shows that
// the configuration, not Atlas, is wrong.
func configurationHint(err error) string {
	switch {
	case client.IsTokenEndpointNotFound(err):
		return "Set base_url (or " + client.EnvBaseURL + ") to the Atlas host without a path, such as " + client.DefaultBaseURL +
			" (atlassim prints the address to use). The credentials were not tried."
	case client.IsAccessTokenRejected(err):
		return "The access token (access_token or MONGODB_ATLAS_ACCESS_TOKEN) was rejected: it expired or was revoked. Get a new token, " +
			"or configure client_id and client_secret instead: the provider then obtains and renews tokens itself."
	case client.IsConnectionRefused(err):
		return "Nothing accepted the connection: check base_url (or " + client.EnvBaseURL + ") and that the server it names is running and reachable."
	}
	return ""
}

// secretLimitCode is the errorCode of a secret create refused because the
// account holds as many secrets as Atlas allows (as atlassim answers it).
const secretLimitCode = "SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED"

// NotOnAccessListHint is what to do when Atlas answers 403
// IP_ADDRESS_NOT_ON_ACCESS_LIST: the request came from outside the API
// access list of the account the provider signs in as. More roles would not
// help, so it never comes with the missing-role hint.
const NotOnAccessListHint = "The request came from an address outside the API access list of the service account (or API key) the provider signs in as; " +
	"its credentials and roles were not the problem. Run Terraform from an address on that list, or have an Organization Owner add the address " +
	"Terraform runs from to that account's API access list (in the Atlas UI, or with the credentials of another account), then run the command again."

func hintFor(e *client.APIError) string {
	switch {
	case e.ErrorCode == secretLimitCode:
		return "Expired secrets still fill a slot until they are deleted, and so does an expired initial secret that an account keeps " +
			"(keep_initial_secret = true), or a leftover named in an earlier warning. Delete the account's expired and unused secrets " +
			"(Atlas UI, on the service account's page), or set keep_initial_secret = false on the account so that its initial secret is deleted, then apply again."
	case client.IsPermissionDenied(e):
		// Atlas answers 401 USER_UNAUTHORIZED for valid credentials that
		// lack a role, and 403 for some other denials (a caller outside the
		// API access list has its own hint, NotOnAccessListHint).
		return "The credentials were accepted but lack the Atlas role this operation needs (see the resource documentation)."
	case e.StatusCode == http.StatusUnauthorized:
		return "Check the provider credentials: they were not accepted."
	case e.StatusCode == http.StatusNotAcceptable:
		return "Atlas no longer serves the API version this provider release asks for (the versioned Accept header). " +
			"Upgrade the atlasaccess provider; if base_url points at a proxy or a simulator, check that it serves this version."
	case e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= http.StatusInternalServerError:
		return "Atlas is unavailable or rate limiting; the provider already retried. Run the same command again later; state records everything that was created."
	}
	return ""
}

// CandidatesDetail explains a failed account create. When the answer was
// lost and several matching accounts appeared (a safeops.CandidatesError),
// none was adopted: the detail lists them and the two safe choices, import
// (importID gives the import ID of a client ID) or delete (deleteAdvice says
// how). Any other error is described as APIErrorDetail does.
func CandidatesDetail(action string, err error, typeName string, importID func(clientID string) string, deleteAdvice string) string {
	var cerr *safeops.CandidatesError
	if !errors.As(err, &cerr) {
		return APIErrorDetail(action, err, "")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The answer to the create was lost, and %d accounts that match it appeared since it was sent; "+
		"none can be proven to be the one this apply created, so none was recorded in state:\n", len(cerr.Candidates))
	for _, c := range cerr.Candidates {
		fmt.Fprintf(&b, "  - %s (%q, created %s)\n", c.ID, c.Name, c.CreatedAt)
	}
	fmt.Fprintf(&b, "\nEither import the one this resource should manage:\n\n  terraform import %s.<name> %s\n\n"+
		"or delete the ones nobody uses (%s), then apply again.", typeName, importID(cerr.Candidates[0].ID), deleteAdvice)
	return APIErrorDetail(action, cerr.Cause, b.String())
}

// DegradationDetail is the warning detail of a step of a create that fell
// short (a safeops.Degradation), with what to do in Terraform where there
// is something: an account kept without a secret Terraform received can be
// replaced to start afresh (typeName is the resource's type).
func DegradationDetail(d safeops.Degradation, typeName string) string {
	if !d.NoKnownSecret {
		return d.Detail
	}
	return d.Detail + " It is kept in state. Create a new secret in Atlas, or replace the resource to start afresh:\n\n" +
		"  terraform apply -replace=" + typeName + ".<name>"
}
