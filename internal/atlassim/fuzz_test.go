package atlassim

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeRequest feeds arbitrary bytes to every request-body decoder:
// they must never panic, and an accepted body must satisfy the rules.
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `null`, `[]`, `{`, `"x"`, `{"a":1}{}`,
		`{"name":"n","description":"d","roles":["GROUP_OWNER"],"secretExpiresAfterHours":8}`,
		`{"name":null,"description":"Zoë","roles":[]}`,
		`{"roles":["GROUP_OWNER","GROUP_OWNER"]}`,
		`{"secretExpiresAfterHours":1e3}`, `{"secretExpiresAfterHours":"8"}`, `{"secretExpiresAfterHours":99999999999999999999}`,
		`{"username":"a@b.co","roles":["GROUP_READ_ONLY"]}`, `{"username":"<a@b.co>"}`,
		`{"groupRole":"GROUP_OWNER"}`, `{"groupRole":7}`,
	} {
		f.Add([]byte(seed))
	}
	allowed := map[string]bool{}
	for _, r := range DefaultRoles {
		allowed[r] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if req, err := decodeCreateServiceAccount(data, allowed); err == nil {
			if len(req.Roles) == 0 || req.Hours < minSecretHours || req.Hours > maxSecretHours || req.Name == "" {
				t.Fatalf("accepted invalid create %q: %+v", data, req)
			}
		} else if err.status != 400 {
			t.Fatalf("status %d", err.status)
		}
		if req, err := decodeUpdateServiceAccount(data, allowed); err == nil && req.HasRoles && len(req.Roles) == 0 {
			t.Fatalf("accepted empty roles %q", data)
		}
		_, _ = decodeRoleAssignment(data, allowed)
		_, _ = decodeSecretRequest(data)
		if req, err := decodeUserRequest(data, allowed); err == nil && !isEmail(req.Username) {
			t.Fatalf("accepted username %q", req.Username)
		}
		if role, err := decodeGroupRole(data, allowed); err == nil && !allowed[role] {
			t.Fatalf("accepted role %q", role)
		}
		// Error bodies always encode.
		if _, err := decodeCreateServiceAccount(data, allowed); err != nil {
			if _, jerr := json.Marshal(err.fields); jerr != nil {
				t.Fatal(jerr)
			}
		}
		_ = parseAuthParams(string(data))
		_, _ = ParseFaults(string(data))
		_, _ = negotiateVersion(string(data), []string{v20240805})
	})
}
