package atlassim

import (
	"cmp"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// Custom database roles (issue 27): /groups/{groupId}/customDBRoles/roles.
// Error codes and details are those of Atlas's list of Administration API
// error codes unless doc.go says "our choice".

// maxCustomDBRolesPerProject bounds a project's custom roles (our choice of
// number; Atlas's answer beyond its limit is 403 CUSTOM_ROLES_LIMIT_EXCEEDED).
const maxCustomDBRolesPerProject = 100

// customRoleNamePattern is Atlas's rule for a custom role's name
// (ATLAS_CUSTOM_ROLE_INVALID_NAME): ASCII letters, digits, hyphens and
// underscores, starting with a letter or digit.
var customRoleNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// privilegeActions is the spec's enum of DatabasePrivilegeAction.action.
var privilegeActions = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`FIND INSERT REMOVE UPDATE BYPASS_DOCUMENT_VALIDATION USE_UUID KILL_OP
		BYPASS_DEFAULT_MAX_TIME_MS CREATE_COLLECTION CREATE_INDEX DROP_COLLECTION ENABLE_PROFILER KILL_ANY_CURSOR
		ANALYZE CHANGE_STREAM COLL_MOD COMPACT CONVERT_TO_CAPPED DROP_DATABASE DROP_INDEX RE_INDEX
		RENAME_COLLECTION_SAME_DB SET_USER_WRITE_BLOCK BYPASS_USER_WRITE_BLOCK LIST_SESSIONS KILL_ANY_SESSION
		COLL_STATS CONN_POOL_STATS DB_HASH DB_STATS GET_CMD_LINE_OPTS GET_LOG GET_PARAMETER GET_SHARD_MAP HOST_INFO
		IN_PROG LIST_DATABASES LIST_COLLECTIONS LIST_INDEXES LIST_SHARDS NET_STAT REPL_SET_GET_CONFIG
		REPL_SET_GET_STATUS SERVER_STATUS VALIDATE SHARDING_STATE TOP SQL_GET_SCHEMA SQL_SET_SCHEMA
		VIEW_ALL_HISTORY OUT_TO_S3 OUT_TO_AZURE OUT_TO_GCS STORAGE_GET_CONFIG STORAGE_SET_CONFIG
		FLUSH_ROUTER_CONFIG ENABLE_SHARDING CHECK_METADATA_CONSISTENCY MOVE_CHUNK SPLIT_CHUNK ANALYZE_SHARD_KEY
		REFINE_COLLECTION_SHARD_KEY CLEAR_JUMBO_FLAG RESHARD_COLLECTION SHARDED_DATA_DISTRIBUTION
		GET_STREAM_PROCESSOR CREATE_STREAM_PROCESSOR PROCESS_STREAM_PROCESSOR MODIFY_STREAM_PROCESSOR
		START_STREAM_PROCESSOR STOP_STREAM_PROCESSOR DROP_STREAM_PROCESSOR SAMPLE_STREAM_PROCESSOR
		LIST_STREAM_PROCESSORS LIST_CONNECTIONS STREAM_PROCESSOR_STATS CREATE_SEARCH_INDEX DROP_SEARCH_INDEX
		LIST_SEARCH_INDEXES UPDATE_SEARCH_INDEX`) {
		privilegeActions[a] = true
	}
}

// customDBRole is one custom role of a project.
type customDBRole struct {
	RoleName       string          `json:"roleName"`
	Actions        []dbAction      `json:"actions"`
	InheritedRoles []inheritedRole `json:"inheritedRoles"`
}

// dbAction is a DatabasePrivilegeAction.
type dbAction struct {
	Action    string       `json:"action"`
	Resources []dbResource `json:"resources"`
}

// dbResource is a DatabasePermittedNamespaceResource; Atlas answers all
// three fields.
type dbResource struct {
	Cluster    bool   `json:"cluster"`
	Collection string `json:"collection"`
	DB         string `json:"db"`
}

// inheritedRole is a DatabaseInheritedRole.
type inheritedRole struct {
	DB   string `json:"db"`
	Role string `json:"role"`
}

// customRoleJSON is a UserCustomDBRole.
type customRoleJSON struct {
	Actions        []dbAction      `json:"actions"`
	InheritedRoles []inheritedRole `json:"inheritedRoles"`
	RoleName       string          `json:"roleName"`
}

// customRoleView answers a role with its actions sorted by name and each
// action's resources sorted, whatever order they were sent in: Atlas
// answers actions in an order of its own (the official provider's issue
// #3080), so a client must not depend on the order it sent.
func customRoleView(r *customDBRole) customRoleJSON {
	out := customRoleJSON{RoleName: r.RoleName, Actions: []dbAction{}, InheritedRoles: append([]inheritedRole{}, r.InheritedRoles...)}
	for _, a := range r.Actions {
		res := append([]dbResource{}, a.Resources...)
		slices.SortFunc(res, func(x, y dbResource) int {
			if x.Cluster != y.Cluster {
				if x.Cluster {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(x.DB, y.DB), cmp.Compare(x.Collection, y.Collection))
		})
		out.Actions = append(out.Actions, dbAction{Action: a.Action, Resources: res})
	}
	slices.SortFunc(out.Actions, func(x, y dbAction) int { return cmp.Compare(x.Action, y.Action) })
	return out
}

func customRoleNotFound(name string) *errResp {
	return newErr(http.StatusNotFound, "ATLAS_CUSTOM_ROLE_NOT_FOUND", fmt.Sprintf("The specified custom db role %s does not exist.", name), name)
}

// customRolesLocked returns a project's custom roles in creation order.
func (s *Server) customRolesLocked(groupID string) []*customDBRole {
	if s.st.CustomDBRoles == nil {
		s.st.CustomDBRoles = map[string][]*customDBRole{}
	}
	return s.st.CustomDBRoles[groupID]
}

// customRoleLocked finds a project's custom role by its exact name.
func (s *Server) customRoleLocked(groupID, name string) *customDBRole {
	for _, r := range s.customRolesLocked(groupID) {
		if r.RoleName == name {
			return r
		}
	}
	return nil
}

// customRoleReq is a decoded UserCustomDBRole (create) or UpdateCustomDBRole.
type customRoleReq struct {
	RoleName          string
	Actions           []dbAction
	HasActions        bool
	InheritedRoles    []inheritedRole
	HasInheritedRoles bool
}

func decodeCreateCustomRole(data []byte, _ map[string]bool) (customRoleReq, *errResp) {
	return decodeCustomRole(data, true)
}

func decodeUpdateCustomRole(data []byte, _ map[string]bool) (customRoleReq, *errResp) {
	return decodeCustomRole(data, false)
}

// decodeCustomRole reads the attributes of a role: roleName (create only,
// required), actions and inheritedRoles. Atlas's own rules on their values
// are checked by checkCustomRoleLocked.
func decodeCustomRole(data []byte, create bool) (customRoleReq, *errResp) {
	var out customRoleReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	if create {
		out.RoleName, _ = b.str("roleName", true)
	}
	if items, ok := b.objects("actions"); ok {
		out.HasActions = true
		out.Actions = []dbAction{}
		for i, raw := range items {
			name := fmt.Sprintf("actions[%d]", i)
			r := itemReader(b, name, raw)
			if r == nil {
				continue
			}
			var a dbAction
			a.Action, _ = r.str("action", true)
			if res, ok := r.objects("resources"); ok {
				a.Resources = []dbResource{}
				for j, rawRes := range res {
					rn := fmt.Sprintf("resources[%d]", j)
					rr := itemReader(r, rn, rawRes)
					if rr == nil {
						continue
					}
					var d dbResource
					d.DB, _ = rr.str("db", false)
					d.Collection, _ = rr.str("collection", false)
					if rr.present("cluster") {
						if v := strings.TrimSpace(string(rr.raw["cluster"])); v == "true" || v == "false" {
							d.Cluster = v == "true"
						} else {
							rr.bad(codeInvalidJSONAttribute, "cluster", "cluster", "cluster must be a boolean")
						}
					}
					r.adopt(rr, rn)
					a.Resources = append(a.Resources, d)
				}
			} else if !r.present("resources") {
				r.bad(codeMissingAttribute, "resources", "resources", "resources is required")
			}
			b.adopt(r, name)
			out.Actions = append(out.Actions, a)
		}
	}
	if items, ok := b.objects("inheritedRoles"); ok {
		out.HasInheritedRoles = true
		out.InheritedRoles = []inheritedRole{}
		for i, raw := range items {
			name := fmt.Sprintf("inheritedRoles[%d]", i)
			r := itemReader(b, name, raw)
			if r == nil {
				continue
			}
			var ir inheritedRole
			ir.Role, _ = r.str("role", true)
			ir.DB, _ = r.str("db", true)
			b.adopt(r, name)
			if slices.Contains(out.InheritedRoles, ir) {
				b.bad(codeInvalidAttribute, "inheritedRoles", name, "duplicate inherited role %s@%s", ir.Role, ir.DB)
			}
			out.InheritedRoles = append(out.InheritedRoles, ir)
		}
	}
	return out, b.finish()
}

// badRole is a 400 with one of Atlas's custom-role codes.
func badRole(code, detail string, params ...any) *errResp {
	return newErr(http.StatusBadRequest, code, detail, params...)
}

// checkCustomRoleLocked applies Atlas's rules to a role about to be stored
// in a project: a valid name that is neither built-in nor reserved, actions
// from the enum, none twice, each on valid resources, none twice, at least
// one action or inherited role, and inherited roles that exist, on the
// database they exist for, without the role itself or a cycle. A cluster
// resource's db and collection are dropped, as the spec says Atlas ignores
// them.
func (s *Server) checkCustomRoleLocked(groupID string, r *customDBRole) *errResp {
	switch {
	case !customRoleNamePattern.MatchString(r.RoleName):
		return badRole("ATLAS_CUSTOM_ROLE_INVALID_NAME", fmt.Sprintf(`The role name, "%s", is invalid. A custom role name must be a non-empty string made up of only ASCII letters, numbers, hyphens, and underscores, and should begin with a letter or number.`, r.RoleName), r.RoleName)
	case strings.HasPrefix(r.RoleName, "xgen-"):
		return badRole("ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED", fmt.Sprintf(`Cannot create custom role %s because the prefix "xgen-" is reserved for built-in roles.`, r.RoleName), r.RoleName)
	case isBuiltinRoleName(r.RoleName):
		return badRole("ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED", fmt.Sprintf("Cannot create custom role %s because a built-in role with that name already exists.", r.RoleName), r.RoleName)
	}
	seen := map[string]bool{}
	for i, a := range r.Actions {
		if !privilegeActions[a.Action] {
			return badRole("INVALID_ENUM_VALUE", fmt.Sprintf("An invalid enumeration value %s was specified.", a.Action), a.Action)
		}
		if seen[a.Action] {
			return badRole("ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION", "A custom role cannot have duplicate actions.")
		}
		seen[a.Action] = true
		if len(a.Resources) == 0 {
			return badRole("ATLAS_INVALID_RESOURCE", "One or more of the selected actions was applied to an incorrect resource.")
		}
		for j := range a.Resources {
			res := &r.Actions[i].Resources[j]
			if res.Cluster {
				res.DB, res.Collection = "", ""
			} else if res.DB == "" {
				return badRole("ATLAS_INVALID_RESOURCE", "One or more of the selected actions was applied to an incorrect resource.")
			}
			if slices.Contains(a.Resources[:j], *res) {
				return badRole("ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE", "A custom role cannot have duplicate resources applied to the same action.")
			}
		}
	}
	if len(r.Actions) == 0 && len(r.InheritedRoles) == 0 {
		return badRole("ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS", "Custom roles must have one or more user privilege actions or inherited roles.")
	}
	for _, ir := range r.InheritedRoles {
		adminOnly, builtin := builtinDBRoles[ir.Role]
		switch {
		case ir.Role == r.RoleName:
			return badRole("ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL", "A custom DB role cannot inherit from itself.")
		case builtin && adminOnly && ir.DB != authDBAdmin:
			return badRole("ATLAS_INVALID_CUSTOM_ROLE_INHERITED_SCOPE", "One or more of the specified inherited roles have an invalid scope.")
		case builtin:
		case s.customRoleLocked(groupID, ir.Role) == nil:
			return badRole("ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE", "One or more of the specified inherited roles do not exist.")
		case ir.DB != authDBAdmin:
			return badRole("ATLAS_INVALID_CUSTOM_ROLE_INHERITED_SCOPE", "One or more of the specified inherited roles have an invalid scope.")
		case s.inheritsLocked(groupID, ir.Role, r.RoleName, map[string]bool{}):
			return badRole("ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY", "One or more of the specified inherited roles creates a circular dependency.")
		}
	}
	return nil
}

// isBuiltinRoleName reports whether name is a built-in role, case
// insensitively.
func isBuiltinRoleName(name string) bool {
	for b := range builtinDBRoles {
		if strings.EqualFold(b, name) {
			return true
		}
	}
	return false
}

// inheritsLocked reports whether role from inherits, directly or not, the
// custom role target.
func (s *Server) inheritsLocked(groupID, from, target string, visited map[string]bool) bool {
	if from == target {
		return true
	}
	if visited[from] {
		return false
	}
	visited[from] = true
	r := s.customRoleLocked(groupID, from)
	if r == nil {
		return false
	}
	for _, ir := range r.InheritedRoles {
		if s.inheritsLocked(groupID, ir.Role, target, visited) {
			return true
		}
	}
	return false
}

// listCustomRoles answers every custom role of the project, in creation
// order, as a plain array (the operation is not paginated).
func (c *reqCtx) listCustomRoles() {
	var out []customRoleJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		out = []customRoleJSON{}
		for _, r := range c.s.customRolesLocked(p.ID) {
			out = append(out, customRoleView(r))
		}
		return nil
	})
	if ok {
		c.writeBody(http.StatusOK, out)
	}
}

// createCustomRole answers 202 Accepted with the role, as the spec says.
// beginCustomRoleWrite marks a custom database role write (POST, PATCH or
// DELETE) for the path's project in flight. Atlas does not take these
// concurrently within a project (doc.go says how this is known): one that
// arrives while another is in flight changes nothing and is answered 500
// UNEXPECTED_ERROR, and beginCustomRoleWrite returns false. Otherwise the
// caller must call the returned end.
func (c *reqCtx) beginCustomRoleWrite() (end func(), ok bool) {
	groupID := c.params["groupId"]
	if !c.s.customRoles.begin(groupID) {
		c.fail(newErr(http.StatusInternalServerError, "UNEXPECTED_ERROR",
			fmt.Sprintf("Unexpected error: another request is changing the custom database roles of group %s; send custom role changes for one project one at a time.", groupID)))
		return nil, false
	}
	if hook := c.s.customRoles.hook(); hook != nil {
		hook(groupID)
	}
	return func() { c.s.customRoles.end(groupID) }, true
}

// SetCustomRoleWriteHook makes every custom database role write (POST,
// PATCH, DELETE) call hook while it is in flight (nil removes it), so that a
// test can send another write at that moment without timing anything.
func (s *Server) SetCustomRoleWriteHook(hook func(groupID string)) {
	s.customRoles.mu.Lock()
	defer s.customRoles.mu.Unlock()
	s.customRoles.postHook = hook
}

func (c *reqCtx) createCustomRole() {
	req, ok := decodeBody(c, decodeCreateCustomRole)
	if !ok {
		return
	}
	end, ok := c.beginCustomRoleWrite()
	if !ok {
		return
	}
	defer end()
	var out customRoleJSON
	ok = c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		r := &customDBRole{RoleName: req.RoleName, Actions: req.Actions, InheritedRoles: req.InheritedRoles}
		if r.Actions == nil {
			r.Actions = []dbAction{}
		}
		if r.InheritedRoles == nil {
			r.InheritedRoles = []inheritedRole{}
		}
		if e := c.s.checkCustomRoleLocked(p.ID, r); e != nil {
			return e
		}
		if c.s.customRoleLocked(p.ID, r.RoleName) != nil {
			return newErr(http.StatusConflict, "ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS", fmt.Sprintf("A custom role with the name %s already exists.", r.RoleName), r.RoleName)
		}
		if len(c.s.customRolesLocked(p.ID)) >= maxCustomDBRolesPerProject {
			return newErr(http.StatusForbidden, "CUSTOM_ROLES_LIMIT_EXCEEDED", "Exceeded maximum number of custom roles.")
		}
		c.s.st.CustomDBRoles[p.ID] = append(c.s.st.CustomDBRoles[p.ID], r)
		out = customRoleView(r)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusAccepted, out)
	}
}

// pathCustomRoleLocked resolves groupId and roleName.
func (c *reqCtx) pathCustomRoleLocked() (*customDBRole, string, *errResp) {
	p, e := c.projectLocked()
	if e != nil {
		return nil, "", e
	}
	r := c.s.customRoleLocked(p.ID, c.params["roleName"])
	if r == nil {
		return nil, "", customRoleNotFound(c.params["roleName"])
	}
	return r, p.ID, nil
}

func (c *reqCtx) getCustomRole() {
	var out customRoleJSON
	ok := c.withLock(func() *errResp {
		r, _, e := c.pathCustomRoleLocked()
		if e != nil {
			return e
		}
		out = customRoleView(r)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// updateCustomRole replaces the actions and the inherited roles the body
// gives, each whole; one it leaves out is kept.
func (c *reqCtx) updateCustomRole() {
	req, ok := decodeBody(c, decodeUpdateCustomRole)
	if !ok {
		return
	}
	end, ok := c.beginCustomRoleWrite()
	if !ok {
		return
	}
	defer end()
	var out customRoleJSON
	ok = c.withLock(func() *errResp {
		r, g, e := c.pathCustomRoleLocked()
		if e != nil {
			return e
		}
		next := &customDBRole{RoleName: r.RoleName, Actions: r.Actions, InheritedRoles: r.InheritedRoles}
		if req.HasActions {
			next.Actions = req.Actions
		}
		if req.HasInheritedRoles {
			next.InheritedRoles = req.InheritedRoles
		}
		if e := c.s.checkCustomRoleLocked(g, next); e != nil {
			return e
		}
		*r = *next
		out = customRoleView(r)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// deleteCustomRole deletes a role unless that would leave a database user
// without roles (409 ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS, naming them) or a
// custom role without actions or inherited roles (409
// ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES), as the spec describes the operation.
// Otherwise the role is also taken from the users and roles that held it
// beside others.
func (c *reqCtx) deleteCustomRole() {
	end, ok := c.beginCustomRoleWrite()
	if !ok {
		return
	}
	defer end()
	ok = c.withLock(func() *errResp {
		r, g, e := c.pathCustomRoleLocked()
		if e != nil {
			return e
		}
		holds := func(ur dbUserRole) bool { return ur.RoleName == r.RoleName }
		var stranded []string
		users := c.s.databaseUsersLocked(g)
		for _, u := range users {
			if slices.ContainsFunc(u.Roles, holds) && !slices.ContainsFunc(u.Roles, func(ur dbUserRole) bool { return !holds(ur) }) {
				stranded = append(stranded, u.Username)
			}
		}
		if len(stranded) > 0 {
			return newErr(http.StatusConflict, "ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS",
				"Deleting specified custom role would leave the following users without a role: "+strings.Join(stranded, ", ")+".", strings.Join(stranded, ", "))
		}
		inherits := func(ir inheritedRole) bool { return ir.Role == r.RoleName }
		var orphans []string
		for _, other := range c.s.customRolesLocked(g) {
			if len(other.Actions) == 0 && slices.ContainsFunc(other.InheritedRoles, inherits) &&
				!slices.ContainsFunc(other.InheritedRoles, func(ir inheritedRole) bool { return !inherits(ir) }) {
				orphans = append(orphans, other.RoleName)
			}
		}
		if len(orphans) > 0 {
			return newErr(http.StatusConflict, "ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES",
				"Deleting specified custom role would leave the following roles with no actions or inherited roles: "+strings.Join(orphans, ", ")+".", strings.Join(orphans, ", "))
		}
		for _, u := range users {
			u.Roles = slices.DeleteFunc(u.Roles, holds)
		}
		for _, other := range c.s.customRolesLocked(g) {
			other.InheritedRoles = slices.DeleteFunc(other.InheritedRoles, inherits)
		}
		c.s.st.CustomDBRoles[g] = slices.DeleteFunc(c.s.st.CustomDBRoles[g], func(x *customDBRole) bool { return x == r })
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}
