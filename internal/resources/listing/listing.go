// Package listing holds what every list resource (terraform query,
// Terraform 1.14+) shares: turning the objects a list found into results
// with an identity, a display name and, when Terraform asks for it, the full
// resource object; the limit; and the name filter. It also holds the
// skeleton of the list resources and list data sources of project-scoped
// types that one listing of the project answers (ProjectList,
// ProjectDataSource).
package listing

import (
	"context"
	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
)

// Found is one object a list resource found.
type Found struct {
	// DisplayName is what terraform query shows for the object.
	DisplayName string
	// Identity is the object's resource identity, attribute by attribute.
	Identity map[string]string
	// Fill sets the full resource object, as an import followed by a read
	// would (see AsImported); called only when Terraform asks for full
	// objects.
	Fill func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics
}

// AsImported fills res as an import and the read after it do: first the
// attributes the import sets (imported), which makes every other attribute
// null, then model read from that and changed by read, written back.
func AsImported(ctx context.Context, res *tfsdk.Resource, imported map[string]string, model any, read func()) diag.Diagnostics {
	var d diag.Diagnostics
	for name, value := range imported {
		d.Append(res.SetAttribute(ctx, path.Root(name), value)...)
	}
	if d.HasError() {
		return d
	}
	if d.Append(res.Get(ctx, model)...); d.HasError() {
		return d
	}
	read()
	d.Append(res.Set(ctx, model)...)
	return d
}

// Stream answers req with found, in order, at most req.Limit of them.
func Stream(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, found []Found) {
	if req.Limit > 0 && int64(len(found)) > req.Limit {
		found = found[:req.Limit]
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for _, f := range found {
			result := req.NewListResult(ctx)
			result.DisplayName = f.DisplayName
			names := make([]string, 0, len(f.Identity))
			for name := range f.Identity {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root(name), f.Identity[name])...)
			}
			if req.IncludeResource && f.Fill != nil {
				result.Diagnostics.Append(f.Fill(ctx, result.Resource)...)
			}
			if !push(result) {
				return
			}
		}
	}
}

// Fail answers with one error: listing failed at Atlas. action names what
// was listed, and whose ("Listing the teams of project <id>").
func Fail(stream *list.ListResultsStream, summary, action string, err error) {
	var d diag.Diagnostics
	d.AddError(summary, diags.APIErrorDetail(action, err, notFoundHint(err)))
	stream.Results = list.ListResultsStreamDiagnostics(d)
}

// notFoundHint says what to do when the owner a list block names is unknown
// to Atlas (or hidden from these credentials, which Atlas answers alike):
// which argument of the list block to check, by Atlas's errorCode.
func notFoundHint(err error) string {
	if !client.IsNotFound(err) {
		return ""
	}
	switch client.ErrorCode(err) {
	case "GROUP_NOT_FOUND":
		return "Check the list block's project_id: it must be the ID of an existing project that these credentials can read."
	case "ORG_NOT_FOUND":
		return "Check the list block's org_id: it must be the ID of an existing organization that these credentials can read."
	case "SERVICE_ACCOUNT_NOT_FOUND":
		return "Check the list block's client_id: the service account does not exist in that project or organization (or was deleted)."
	}
	return "Check the IDs in the list block's config: Atlas does not know the project, organization or account they name, or these credentials cannot read it."
}

// Config reads the list block's config into target; on error it answers
// with the diagnostics and reports false.
func Config(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, target any) bool {
	d := req.Config.Get(ctx, target)
	if d.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return false
	}
	return true
}

// NameRegexAttribute is the optional name_regex filter of a list of
// accounts (what is named by a pattern).
func NameRegexAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Lists only the " + what + " whose name matches this regular expression (RE2 syntax, as Go's regexp), " +
			"for example `^ci-`. Unanchored: `deploy` matches any name that contains it.",
		Validators: []validator.String{regexValidator{}},
	}
}

// NameMatcher returns the filter of a name_regex value: everything when
// it is null.
func NameMatcher(pattern types.String) func(string) bool {
	if pattern.IsNull() || pattern.IsUnknown() {
		return func(string) bool { return true }
	}
	re := regexp.MustCompile(pattern.ValueString()) // validated at plan time
	return re.MatchString
}

// regexValidator checks that name_regex compiles.
type regexValidator struct{}

func (regexValidator) Description(context.Context) string {
	return "value must be a regular expression in RE2 syntax"
}

func (v regexValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regexValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Name Pattern",
			fmt.Sprintf("%s %q is not a regular expression in RE2 syntax (such as ^ci-): %s.", req.Path, req.ConfigValue.ValueString(), err))
	}
}

// TypeName is the list resource's type name, the resource's: provider type
// name and suffix.
func TypeName(req resource.MetadataRequest, resp *resource.MetadataResponse, suffix string) {
	resp.TypeName = req.ProviderTypeName + suffix
}
