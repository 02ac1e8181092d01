// Package validate holds the plan-time validators shared by the atlasaccess
// resources. Every pattern, length and enum here is the one the Atlas
// Administration API v2 documents, so that bad input fails at plan with the
// attribute named instead of failing half-way through an apply.
package validate

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Patterns and limits from the Atlas Administration API v2 contract.
const (
	// ObjectIDPattern matches project (group), organization and user IDs.
	ObjectIDPattern = `^([a-f0-9]{24})$`
	// ClientIDPattern matches service account client IDs.
	ClientIDPattern = `^mdb_sa_id_[a-fA-F\d]{24}$`
	// TextPattern is the allowed alphabet of service account names and descriptions.
	TextPattern = `^[\p{L}\p{N}\-_.,' ]*$`

	NameMaxLength        = 64
	DescriptionMaxLength = 250

	// SecretExpiresAfterHoursMin and SecretExpiresAfterHoursMax bound the
	// lifetime of a service account secret (8 hours to 365 days).
	SecretExpiresAfterHoursMin = 8
	SecretExpiresAfterHoursMax = 8760
)

var (
	objectIDRegexp = regexp.MustCompile(ObjectIDPattern)
	clientIDRegexp = regexp.MustCompile(ClientIDPattern)
	textRegexp     = regexp.MustCompile(TextPattern)
)

// IsObjectID reports whether s is a 24-hexadecimal-digit Atlas ID.
func IsObjectID(s string) bool { return objectIDRegexp.MatchString(s) }

// IsClientID reports whether s is a service account client ID.
func IsClientID(s string) bool { return clientIDRegexp.MatchString(s) }

// IsText reports whether s uses only the characters Atlas allows in service
// account names and descriptions.
func IsText(s string) bool { return textRegexp.MatchString(s) }

// IsEmail reports whether s is a bare email address (no display name, no
// angle brackets), the form Atlas requires for usernames.
func IsEmail(s string) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// ProjectID validates a project ID attribute.
func ProjectID() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(objectIDRegexp, "must be a 24-character lowercase hexadecimal Atlas project ID (pattern "+ObjectIDPattern+")"),
	}
}

// ClientID validates a service account client ID attribute.
func ClientID() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(clientIDRegexp, "must be a service account client ID: mdb_sa_id_ followed by 24 hexadecimal digits (pattern "+ClientIDPattern+")"),
	}
}

// Name validates a service account name.
func Name() []validator.String {
	return []validator.String{
		stringvalidator.UTF8LengthBetween(1, NameMaxLength),
		stringvalidator.RegexMatches(textRegexp, TextRuleDescription),
	}
}

// Description validates a service account description.
func Description() []validator.String {
	return []validator.String{
		stringvalidator.UTF8LengthBetween(1, DescriptionMaxLength),
		stringvalidator.RegexMatches(textRegexp, TextRuleDescription),
	}
}

// TextRuleDescription says in words which characters names and descriptions may use.
const TextRuleDescription = "may contain only letters, digits, spaces and the characters - _ . , ' (pattern " + TextPattern + ")"

// Email validates an email address attribute.
func Email() []validator.String {
	return []validator.String{emailValidator{}}
}

type emailValidator struct{}

var _ validator.String = emailValidator{}

func (emailValidator) Description(context.Context) string {
	return "value must be an email address such as ann@example.com"
}

func (v emailValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v emailValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if s := req.ConfigValue.ValueString(); !IsEmail(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Email Address",
			fmt.Sprintf("Attribute %s must be an email address such as ann@example.com, got: %q", req.Path, s))
	}
}
