package atlassim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Request bodies of the organization-user, team and team-role operations.

// groupRoles is one GroupRoleAssignment: a project and the roles there.
type groupRoles struct {
	GroupID string
	Roles   []string
}

// orgUserReq is OrgUserRequest (create) or OrgUserUpdateRequest (PATCH):
// each Has* reports whether the field was given.
type orgUserReq struct {
	Username   string
	OrgRoles   []string
	HasRoles   bool
	Groups     []groupRoles
	HasGroups  bool
	TeamIDs    []string
	HasTeamIDs bool
}

// child parses field as a nested JSON object. Its violations are reported
// by adopt, prefixed with field ("roles.orgRoles").
func (b *bodyReader) child(field string) (*bodyReader, bool) {
	if !b.present(field) {
		return nil, false
	}
	raw := bytes.TrimSpace(b.raw[field])
	if len(raw) == 0 || raw[0] != '{' {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an object", field)
		return nil, false
	}
	c := &bodyReader{raw: map[string]json.RawMessage{}, known: map[string]bool{}}
	if err := json.Unmarshal(raw, &c.raw); err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an object", field)
		return nil, false
	}
	return c, true
}

// adopt moves a child's violations, and its unknown fields, into b with
// their names prefixed by prefix.
func (b *bodyReader) adopt(c *bodyReader, prefix string) {
	join := func(s string) string {
		if strings.HasPrefix(s, "[") {
			return prefix + s
		}
		return prefix + "." + s
	}
	for _, f := range c.fields {
		b.fields = append(b.fields, fieldViolation{Field: join(f.Field), Description: f.Description, code: f.code, attr: join(f.attr)})
	}
	for _, k := range sortedKeys(rawKeys(c.raw)) {
		if !c.known[k] {
			b.bad(codeInvalidAttribute, join(k), join(k), "unknown field %q", k)
		}
	}
}

func rawKeys(m map[string]json.RawMessage) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// idArray reads an array of unique 24-hex IDs (teamIds).
func (b *bodyReader) idArray(field string) ([]string, bool) {
	if !b.present(field) {
		return nil, false
	}
	var ids []string
	if err := json.Unmarshal(b.raw[field], &ids); err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an array of strings", field)
		return nil, false
	}
	ok := true
	seen := map[string]bool{}
	for i, id := range ids {
		if !hex24Pattern.MatchString(id) {
			b.bad(codeInvalidAttribute, field, fmt.Sprintf("%s[%d]", field, i), "%q must be a 24-hexadecimal digit string", id)
			ok = false
		}
		if seen[id] {
			b.bad(codeInvalidAttribute, field, fmt.Sprintf("%s[%d]", field, i), "duplicate ID %q", id)
			ok = false
		}
		seen[id] = true
	}
	if ids == nil {
		ids = []string{}
	}
	return ids, ok
}

// objects reads field as an array of JSON objects.
func (b *bodyReader) objects(field string) ([]json.RawMessage, bool) {
	if !b.present(field) {
		return nil, false
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b.raw[field], &items); err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an array of objects", field)
		return nil, false
	}
	return items, true
}

// itemReader parses one array element as an object; a non-object is
// recorded on parent under name.
func itemReader(parent *bodyReader, name string, raw json.RawMessage) *bodyReader {
	c := &bodyReader{raw: map[string]json.RawMessage{}, known: map[string]bool{}}
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &c.raw) != nil {
		parent.bad(codeInvalidJSONAttribute, name, name, "%s must be an object", name)
		return nil
	}
	return c
}

// orgUserRoles reads OrgUserRolesRequest: orgRoles required (at least one,
// from the enum, none twice), groupRoleAssignments optional.
func (b *bodyReader) orgUserRoles(out *orgUserReq, allowed map[string]bool) {
	r, ok := b.child("roles")
	if !ok {
		return
	}
	out.HasRoles = true
	out.OrgRoles, _ = r.orgRoles("orgRoles", true)
	if items, ok := r.objects("groupRoleAssignments"); ok {
		out.HasGroups = true
		out.Groups = []groupRoles{}
		seen := map[string]bool{}
		for i, raw := range items {
			name := fmt.Sprintf("groupRoleAssignments[%d]", i)
			g := itemReader(r, name, raw)
			if g == nil {
				continue
			}
			id, idOK := g.str("groupId", true)
			if idOK && !hex24Pattern.MatchString(id) {
				g.bad(codeInvalidAttribute, "groupId", "groupId", "%q must be a 24-hexadecimal digit string", id)
			} else if idOK && seen[id] {
				g.bad(codeInvalidAttribute, "groupId", "groupId", "project %s is assigned twice", id)
			}
			seen[id] = true
			roles, _ := g.roleArray("groupRoles", true, allowed, "project")
			out.Groups = append(out.Groups, groupRoles{GroupID: id, Roles: roles})
			r.adopt(g, name)
		}
	}
	b.adopt(r, "roles")
}

func decodeCreateOrgUser(data []byte, allowed map[string]bool) (orgUserReq, *errResp) {
	var out orgUserReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	out.Username, _ = b.email("username")
	if !b.present("roles") {
		b.bad(codeMissingAttribute, "roles", "roles", "roles is required and must hold orgRoles")
	}
	b.orgUserRoles(&out, allowed)
	out.TeamIDs, out.HasTeamIDs = b.idArray("teamIds")
	return out, b.finish()
}

func decodeUpdateOrgUser(data []byte, allowed map[string]bool) (orgUserReq, *errResp) {
	var out orgUserReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	b.orgUserRoles(&out, allowed)
	out.TeamIDs, out.HasTeamIDs = b.idArray("teamIds")
	return out, b.finish()
}

func decodeOrgRole(data []byte, _ map[string]bool) (string, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return "", err
	}
	role, ok := b.str("orgRole", true)
	if ok && !orgRoleSet[role] {
		b.bad(codeInvalidAttribute, "orgRole", "orgRole", "%q is not a valid organization role; valid roles are %s", role, strings.Join(sortedKeys(orgRoleSet), ", "))
	}
	return role, b.finish()
}

// teamName validates a team name: a non-blank string of at most
// maxTeamNameLen characters (the spec gives no bound; our choice).
func (b *bodyReader) teamName() (string, bool) {
	s, ok := b.str("name", true)
	if !ok {
		return "", false
	}
	if strings.TrimSpace(s) == "" || len([]rune(s)) > maxTeamNameLen {
		b.bad(codeInvalidAttribute, "name", "name", "name must be between 1 and %d characters long and not blank", maxTeamNameLen)
		return "", false
	}
	return s, true
}

// maxTeamNameLen bounds a team name (the simulator's choice).
const maxTeamNameLen = 255

type teamReq struct {
	Name      string
	Usernames []string
}

func decodeCreateTeam(data []byte, _ map[string]bool) (teamReq, *errResp) {
	var out teamReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	out.Name, _ = b.teamName()
	if !b.present("usernames") {
		b.bad(codeMissingAttribute, "usernames", "usernames", "usernames is required (it may be empty)")
	} else if err := json.Unmarshal(b.raw["usernames"], &out.Usernames); err != nil {
		b.bad(codeInvalidJSONAttribute, "usernames", "usernames", "usernames must be an array of email addresses")
	} else {
		seen := map[string]bool{}
		for i, u := range out.Usernames {
			f := fmt.Sprintf("usernames[%d]", i)
			if !isEmail(u) {
				b.bad(codeInvalidAttribute, "usernames", f, "%q is not an email address", u)
			}
			if seen[strings.ToLower(u)] {
				b.bad(codeInvalidAttribute, "usernames", f, "duplicate username %q", u)
			}
			seen[strings.ToLower(u)] = true
		}
	}
	return out, b.finish()
}

func decodeRenameTeam(data []byte, _ map[string]bool) (string, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return "", err
	}
	name, _ := b.teamName()
	return name, b.finish()
}

func decodeTeamMember(data []byte, _ map[string]bool) (string, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return "", err
	}
	id, ok := b.str("id", true)
	if ok && !hex24Pattern.MatchString(id) {
		b.bad(codeInvalidAttribute, "id", "id", "%q must be a 24-hexadecimal digit string", id)
	}
	return id, b.finish()
}

// teamRoleReq is one TeamRole of a request.
type teamRoleReq struct {
	TeamID string
	Roles  []string
}

// readTeamRole reads a TeamRole object; teamID is required unless
// teamOptional (PATCH names the team in its path).
func readTeamRole(r *bodyReader, allowed map[string]bool, teamOptional bool) teamRoleReq {
	var out teamRoleReq
	id, ok := r.str("teamId", !teamOptional)
	if ok && !hex24Pattern.MatchString(id) {
		r.bad(codeInvalidAttribute, "teamId", "teamId", "%q must be a 24-hexadecimal digit string", id)
	}
	out.TeamID = id
	out.Roles, _ = r.roleArray("roleNames", true, allowed, "project")
	r.known["links"] = true
	return out
}

// decodeAddTeams decodes the JSON array of TeamRole of POST
// /groups/{groupId}/teams.
func decodeAddTeams(data []byte, allowed map[string]bool) ([]teamRoleReq, *errResp) {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil || items == nil {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON", "The request body must be a JSON array of TeamRole objects.")
	}
	top := &bodyReader{raw: map[string]json.RawMessage{}, known: map[string]bool{}}
	out := make([]teamRoleReq, 0, len(items))
	seen := map[string]bool{}
	for i, raw := range items {
		name := fmt.Sprintf("[%d]", i)
		r := itemReader(top, name, raw)
		if r == nil {
			continue
		}
		tr := readTeamRole(r, allowed, false)
		if tr.TeamID != "" && seen[tr.TeamID] {
			r.bad(codeInvalidAttribute, "teamId", "teamId", "team %s is listed twice", tr.TeamID)
		}
		seen[tr.TeamID] = true
		out = append(out, tr)
		top.adopt(r, name)
	}
	return out, top.finish()
}

func decodeUpdateTeamRole(data []byte, allowed map[string]bool) (teamRoleReq, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return teamRoleReq{}, err
	}
	out := readTeamRole(b, allowed, true)
	return out, b.finish()
}
