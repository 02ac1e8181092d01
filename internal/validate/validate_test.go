package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func runString(t *testing.T, vs []validator.String, value string) string {
	t.Helper()
	var msgs []string
	for _, v := range vs {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("attr"), ConfigValue: types.StringValue(value),
		}, resp)
		for _, d := range resp.Diagnostics.Errors() {
			msgs = append(msgs, d.Detail())
		}
	}
	return strings.Join(msgs, "\n")
}

func TestStringValidators(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		validators []validator.String
		value      string
		wantErr    string // substring; "" means valid
	}{
		"project id ok":          {ProjectID(), "32b6e34b3d91647abb20e7b8", ""},
		"project id uppercase":   {ProjectID(), "32B6E34B3D91647ABB20E7B8", "24-character lowercase hexadecimal"},
		"project id short":       {ProjectID(), "32b6e34b3d91647abb20e7b", "24-character"},
		"project id long":        {ProjectID(), "32b6e34b3d91647abb20e7b80", "24-character"},
		"client id ok":           {ClientID(), "mdb_sa_id_1234567890abcdef12345678", ""},
		"client id upper hex ok": {ClientID(), "mdb_sa_id_1234567890ABCDEF12345678", ""},
		"client id wrong prefix": {ClientID(), "mdb_sa_sk_1234567890abcdef12345678", "mdb_sa_id_ followed by 24"},
		"client id short":        {ClientID(), "mdb_sa_id_1234", "mdb_sa_id_"},
		"name ok":                {Name(), "CI deployer, prod-1", ""},
		"name unicode ok":        {Name(), "Déploiement ñ 名前", ""},
		"name apostrophe ok":     {Name(), "Ann's account", ""},
		"name 64 ok":             {Name(), strings.Repeat("a", 64), ""},
		"name 65":                {Name(), strings.Repeat("a", 65), "between 1 and 64"},
		"name 64 accented ok":    {Name(), strings.Repeat("é", 64), ""},
		"name 65 accented":       {Name(), strings.Repeat("é", 65), "got: 65"},
		"name empty":             {Name(), "", "between 1 and 64"},
		"name slash":             {Name(), "ci/cd", "may contain only letters"},
		"name newline":           {Name(), "a\nb", "may contain only letters"},
		"description 250 ok":     {Description(), strings.Repeat("d", 250), ""},
		"description 251":        {Description(), strings.Repeat("d", 251), "between 1 and 250"},
		"description 250 CJK ok": {Description(), strings.Repeat("名", 250), ""},
		"description semicolon":  {Description(), "a; b", "may contain only letters"},
		"email ok":               {Email(), "ann@example.com", ""},
		"email plus ok":          {Email(), "ann+atlas@example.co.uk", ""},
		"email no at":            {Email(), "ann.example.com", "must be an email address"},
		"email display name":     {Email(), "Ann <ann@example.com>", "must be an email address"},
		"email spaces":           {Email(), " ann@example.com", "must be an email address"},
		"email no domain dot":    {Email(), "ann@localhost", "must be an email address"},
		"email empty":            {Email(), "", "must be an email address"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := runString(t, tc.validators, tc.value)
			switch {
			case tc.wantErr == "" && got != "":
				t.Fatalf("value %q: unexpected error %q", tc.value, got)
			case tc.wantErr != "" && !strings.Contains(got, tc.wantErr):
				t.Fatalf("value %q: error %q does not contain %q", tc.value, got, tc.wantErr)
			case tc.wantErr != "" && !strings.Contains(got, "attr"):
				t.Fatalf("value %q: error %q does not name the attribute", tc.value, got)
			}
		})
	}
}

func TestParseImportID(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		id      string
		want    []string
		wantErr string
	}{
		"ok":          {"a/b", []string{"a", "b"}, ""},
		"one part":    {"a", nil, "project_id/client_id"},
		"three parts": {"a/b/c", nil, "project_id/client_id"},
		"empty first": {"/b", nil, "project_id is empty"},
		"empty last":  {"a/", nil, "client_id is empty"},
		"spaces":      {"a/ b", nil, "client_id is empty or has surrounding spaces"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseImportID(tc.id, "project_id", "client_id")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func FuzzParseImportID(f *testing.F) {
	for _, s := range []string{"a/b", "", "/", "a//b", "32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		parts, err := ParseImportID(id, "project_id", "client_id")
		if err == nil && (len(parts) != 2 || parts[0]+"/"+parts[1] != id) {
			t.Fatalf("ParseImportID(%q) = %q: does not round-trip", id, parts)
		}
	})
}

func FuzzValidators(f *testing.F) {
	for _, s := range []string{"", "ann@example.com", "32b6e34b3d91647abb20e7b8", "mdb_sa_id_1234567890abcdef12345678", "名前", "a\x00b", "<a@b.c>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Never panics, and the plain predicates agree with the validators.
		if IsObjectID(s) != (runString(t, ProjectID(), s) == "") {
			t.Fatalf("IsObjectID and ProjectID() disagree on %q", s)
		}
		if IsClientID(s) != (runString(t, ClientID(), s) == "") {
			t.Fatalf("IsClientID and ClientID() disagree on %q", s)
		}
		if IsEmail(s) != (runString(t, Email(), s) == "") {
			t.Fatalf("IsEmail and Email() disagree on %q", s)
		}
		_ = runString(t, Name(), s)
		_ = runString(t, Description(), s)
	})
}

func BenchmarkValidators(b *testing.B) {
	for b.Loop() {
		_ = IsObjectID("32b6e34b3d91647abb20e7b8")
		_ = IsClientID("mdb_sa_id_1234567890abcdef12345678")
		_ = IsText("Deploys application releases from CI")
		_ = IsEmail("ann@example.com")
	}
}
