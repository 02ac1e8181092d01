// Package common holds the small pieces every atlasaccess resource and data
// source shares: getting the configured client, turning Atlas errors into
// diagnostics, and converting role sets.
package common

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// ConfiguredClient type-asserts the provider data handed to a resource or data
// source Configure method. It returns nil without error while the provider is
// not configured yet (Terraform calls Configure early during validation).
func ConfiguredClient(providerData any, diags *diag.Diagnostics) *client.Client {
	if providerData == nil {
		return nil
	}
	c, ok := providerData.(*client.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the atlasaccess provider; please report it.", providerData))
		return nil
	}
	return c
}

// APIErrorDetail describes err for a diagnostic detail: what failed, the Atlas
// error code and detail when there is one, and what to do next.
func APIErrorDetail(action string, err error, hint string) string {
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

func hintFor(e *client.APIError) string {
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		return "Check the provider credentials: they were not accepted."
	case e.StatusCode == http.StatusForbidden:
		return "The credentials lack the Atlas role this operation needs (see the resource documentation), or the request came from an IP address outside the API access list."
	case e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= http.StatusInternalServerError:
		return "Atlas is unavailable or rate limiting; the provider already retried. Run the same command again later; state records everything that was created."
	}
	return ""
}

// RolesFromSet reads a set of role strings, sorted so requests are stable.
func RolesFromSet(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	var roles []string
	diags := set.ElementsAs(ctx, &roles, false)
	sort.Strings(roles)
	return roles, diags
}

// SameRoles reports whether a and b hold the same roles, in any order. Roles
// are sets everywhere in Atlas and in this provider, so repetition is ignored.
func SameRoles(a, b []string) bool {
	for _, r := range a {
		if !slices.Contains(b, r) {
			return false
		}
	}
	for _, r := range b {
		if !slices.Contains(a, r) {
			return false
		}
	}
	return true
}

// RolesToSet builds a set value of role strings.
func RolesToSet(roles []string) types.Set {
	elems := make([]attr.Value, len(roles))
	for i, r := range roles {
		elems[i] = types.StringValue(r)
	}
	return types.SetValueMust(types.StringType, elems)
}
