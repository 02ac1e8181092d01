package validate

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseDN(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in      string
		want    []DNAttribute
		wantErr string
	}{
		"simple":                     {in: "CN=orders,OU=apps,O=example", want: []DNAttribute{{"CN", "orders"}, {"OU", "apps"}, {"O", "example"}}},
		"one attribute":              {in: "CN=app", want: []DNAttribute{{"CN", "app"}}},
		"escaped comma":              {in: `CN=Smith\, John,DC=example,DC=com`, want: []DNAttribute{{"CN", "Smith, John"}, {"DC", "example"}, {"DC", "com"}}},
		"hex escape":                 {in: `CN=caf\C3\A9`, want: []DNAttribute{{"CN", "café"}}},
		"multi-valued RDN":           {in: "CN=a+UID=b,O=x", want: []DNAttribute{{"CN", "a"}, {"UID", "b"}, {"O", "x"}}},
		"semicolons and spaces":      {in: "CN=a ; O = x , C=US", want: []DNAttribute{{"CN", "a"}, {"O", "x"}, {"C", "US"}}},
		"inner spaces kept":          {in: "CN=Jane Doe,O=Example Inc", want: []DNAttribute{{"CN", "Jane Doe"}, {"O", "Example Inc"}}},
		"escaped trailing space":     {in: `CN=a\ ,O=x`, want: []DNAttribute{{"CN", "a "}, {"O", "x"}}},
		"quoted value":               {in: `CN="Smith, John",O=x`, want: []DNAttribute{{"CN", "Smith, John"}, {"O", "x"}}},
		"hex value":                  {in: "1.3.6.1.4.1.1466.0=#04024869,O=x", want: []DNAttribute{{"1.3.6.1.4.1.1466.0", "#04024869"}, {"O", "x"}}},
		"OID prefix":                 {in: "OID.2.5.4.3=app", want: []DNAttribute{{"OID.2.5.4.3", "app"}}},
		"equals in value":            {in: "CN=a=b", want: []DNAttribute{{"CN", "a=b"}}},
		"empty":                      {in: "", wantErr: "cannot be empty"},
		"blank":                      {in: "   ", wantErr: "cannot be empty"},
		"plain name":                 {in: "orders", wantErr: `"orders" at position 1 is not an attribute`},
		"email":                      {in: "jane@example.com", wantErr: "not an attribute"},
		"empty value":                {in: "CN=,O=x", wantErr: "CN at position 4 has an empty value"},
		"trailing comma":             {in: "CN=a,", wantErr: "attribute is missing at position 6"},
		"double comma":               {in: "CN=a,,O=x", wantErr: "attribute is missing at position 6"},
		"bad type":                   {in: "C N=a", wantErr: `attribute type "C N"`},
		"type starting with a digit": {in: "1CN=a", wantErr: `attribute type "1CN"`},
		"unescaped angle bracket":    {in: "CN=a<b", wantErr: `'<' at position 5 must be escaped`},
		"unescaped quote":            {in: `CN=a"b`, wantErr: "must be escaped"},
		"dangling backslash":         {in: `CN=a\`, wantErr: "escapes nothing"},
		"bad escape":                 {in: `CN=a\q`, wantErr: "must be followed by a special character"},
		"leading hash":               {in: "CN=#zz", wantErr: "must be # followed by pairs"},
		"odd hex":                    {in: "CN=#abc", wantErr: "pairs of hexadecimal digits"},
		"unclosed quote":             {in: `CN="a,O=x`, wantErr: "no closing quote"},
		"junk after quote":           {in: `CN="a"b`, wantErr: "unexpected 'b' at position 7"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseDN(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseDN(%q) = %v, %v; want an error containing %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ParseDN(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func FuzzParseDN(f *testing.F) {
	for _, s := range []string{"CN=a,O=b", `CN=Smith\, John`, `CN="q"`, "CN=#0102", "CN=a+UID=b", "", "x", `CN=\`, "CN=a;O=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		attrs, err := ParseDN(s)
		if err != nil {
			return
		}
		if len(attrs) == 0 {
			t.Fatalf("ParseDN(%q) accepted a name without attributes", s)
		}
		for _, a := range attrs {
			if a.Value == "" || !dnTypeRegexp.MatchString(a.Type) {
				t.Fatalf("ParseDN(%q) gave attribute %+v", s, a)
			}
		}
	})
}
