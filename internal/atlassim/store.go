package atlassim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Organization membership statuses of a user (GroupUserResponse.orgMembershipStatus).
const (
	statusActive   = "ACTIVE"
	statusPending  = "PENDING"
	statusExpired  = "INVITATION_EXPIRED"
	statusRejected = "INVITATION_REJECTED"
)

// invitationLifetime is how long an invitation stays PENDING before it expires.
const invitationLifetime = 30 * 24 * time.Hour

// fixtureSecretExpiry is when the fixture account's secret expires: never,
// in practice, even with the clock moved centuries ahead.
var fixtureSecretExpiry = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// adminUsername is the inviterUsername recorded for calls made with the
// fixture credentials (digest keys or the fixture service account).
const adminUsername = "atlassim-admin@example.com"

// state is everything the simulator persists. It is guarded by Server.mu.
type state struct {
	Fixtures Fixtures `json:"fixtures"`
	// IDCounter feeds newID; it is persisted so that a restarted simulator
	// with the same seed does not hand out IDs that already exist.
	IDCounter uint64 `json:"idCounter"`
	// Seq orders service accounts by creation.
	Seq             int64                      `json:"seq"`
	OrgCreated      time.Time                  `json:"orgCreated"`
	Projects        map[string]*project        `json:"projects"`
	ServiceAccounts map[string]*serviceAccount `json:"serviceAccounts"`
	Users           map[string]*user           `json:"users"`
	Tokens          map[string]*token          `json:"tokens"`
	// Teams holds the organization's teams by ID (teams.go).
	Teams map[string]*team `json:"teams,omitempty"`
	// ProjectAccessLists holds each project's IP access list (projectaccess.go).
	ProjectAccessLists map[string][]*ipEntry `json:"projectAccessLists,omitempty"`
	// DatabaseUsers holds each project's database users in creation order
	// (dbusers.go); CustomDBRoles its custom database roles (customroles.go).
	DatabaseUsers map[string][]*databaseUser `json:"databaseUsers,omitempty"`
	CustomDBRoles map[string][]*customDBRole `json:"customDBRoles,omitempty"`
}

type project struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
}

type serviceAccount struct {
	ClientID    string    `json:"clientId"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	OrgRoles    []string  `json:"orgRoles"`
	CreatedAt   time.Time `json:"createdAt"`
	Seq         int64     `json:"seq"`
	Secrets     []*secret `json:"secrets"` // oldest first
	// AccessList is the account's API access list, in the order added
	// (accesslist.go); empty means no restriction.
	AccessList []*accessEntry `json:"accessList,omitempty"`
	// Groups maps a project ID to the account's project roles there.
	Groups map[string][]string `json:"groups"`
	// Fixture marks the org-owner account behind Fixtures.ClientID: it exists
	// to authenticate, so the API treats it as invisible (never listed, never
	// found, never deleted) and a test sweep cannot lock everyone out.
	Fixture bool `json:"fixture,omitempty"`
}

type secret struct {
	ID         string     `json:"id"`
	Hash       string     `json:"hash"` // hex SHA-256 of the plaintext; the plaintext is never stored
	Masked     string     `json:"masked"`
	CreatedAt  time.Time  `json:"createdAt"`
	ExpiresAt  time.Time  `json:"expiresAt"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
}

// user is one human MongoDB Cloud user as seen by the organization. Its
// status is the organization membership status; Projects holds the project
// roles of every project the user belongs (or is invited) to.
type user struct {
	ID                  string              `json:"id"`
	Username            string              `json:"username"`
	Status              string              `json:"status"`
	CreatedAt           time.Time           `json:"createdAt"`
	FirstName           string              `json:"firstName"`
	LastName            string              `json:"lastName"`
	InvitationID        string              `json:"invitationId,omitempty"`
	InvitationCreatedAt time.Time           `json:"invitationCreatedAt"`
	InvitationExpiresAt time.Time           `json:"invitationExpiresAt"`
	InviterUsername     string              `json:"inviterUsername,omitempty"`
	Projects            map[string][]string `json:"projects"`
	// Order of project joins, so lists are stable.
	Seq int64 `json:"seq"`
	// OrgRoles are the user's organization roles; empty means ORG_MEMBER,
	// the role of a user who joined through a project invitation.
	OrgRoles []string `json:"orgRoles,omitempty"`
	// OrgInvited marks a user invited through POST /orgs/{orgId}/users:
	// leaving their last project does not cancel their invitation.
	OrgInvited bool `json:"orgInvited,omitempty"`
}

// team is one organization team. Members holds user IDs in the order they
// joined; Projects maps a project ID to the team's project roles there.
type team struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Members  []string            `json:"members"`
	Projects map[string][]string `json:"projects"`
	Seq      int64               `json:"seq"`
}

type token struct {
	ClientID  string    `json:"clientId"`
	ExpiresAt time.Time `json:"expiresAt"`
	Revoked   bool      `json:"revoked,omitempty"`
}

// newID returns a deterministic 24-hex ID derived from the seed and a
// persisted counter. Callers hold s.mu.
func (s *Server) newID() string {
	s.st.IDCounter++
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(s.opts.Seed))
	binary.BigEndian.PutUint64(buf[8:], s.st.IDCounter)
	sum := sha256.Sum256(append([]byte("atlassim-id"), buf[:]...))
	return hex.EncodeToString(sum[:12])
}

// newObjectID returns a 24-hex ID shaped like a MongoDB ObjectId, as
// Atlas's are: the first 4 bytes are at, in Unix seconds (big-endian), and
// the other 8 are derived from the seed and the persisted counter, so that
// the ID is unique and, for a seed, repeatable but for its time. Only
// teams get these (see "Identifiers, names and roles" in doc.go): the
// fixtures' IDs must stay the same for a seed from run to run. Callers
// hold s.mu.
func (s *Server) newObjectID(at time.Time) string {
	s.st.IDCounter++
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(s.opts.Seed))
	binary.BigEndian.PutUint64(buf[8:], s.st.IDCounter)
	sum := sha256.Sum256(append([]byte("atlassim-objectid"), buf[:]...))
	var id [12]byte
	binary.BigEndian.PutUint32(id[:4], uint32(at.Unix()))
	copy(id[4:], sum[:8])
	return hex.EncodeToString(id[:])
}

// seededString derives a deterministic lowercase alphanumeric string of length n
// from the seed and a label; used for fixture credentials.
func seededString(seed int64, label string, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, 0, n)
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("atlassim:%d:%s:%d", seed, label, i)))
		for _, b := range sum {
			if len(out) == n {
				break
			}
			out = append(out, alphabet[int(b)%len(alphabet)])
		}
	}
	return string(out)
}

// randomString returns n lowercase alphanumeric characters from crypto/rand,
// in seededString's alphabet.
func randomString(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, n)
	size := big.NewInt(int64(len(alphabet)))
	for i := range out {
		k, err := rand.Int(rand.Reader, size)
		if err != nil {
			// crypto/rand does not fail on the systems Go supports
			// (Go 1.24: Read never returns an error).
			panic("atlassim: crypto/rand: " + err.Error())
		}
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

func hashSecret(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

func maskSecret(plain string) string {
	return "mdb_sa_sk_..." + plain[len(plain)-4:]
}

// newState builds the fixture organization, projects, member and credentials.
func (s *Server) newState(now time.Time) {
	seed := s.opts.Seed
	s.st = &state{
		OrgCreated:      now,
		Projects:        map[string]*project{},
		ServiceAccounts: map[string]*serviceAccount{},
		Users:           map[string]*user{},
		Tokens:          map[string]*token{},
		Teams:           map[string]*team{},
	}
	fx := Fixtures{
		OrgID:        s.newID(),
		OrgName:      "atlassim-org-" + seededString(seed, "org", 6),
		OrgMember:    "org.member." + seededString(seed, "member", 4) + "@example.com",
		ClientID:     "mdb_sa_id_" + s.newID(),
		ClientSecret: "mdb_sa_sk_" + seededString(seed, "client-secret", 40),
		PublicKey:    seededString(seed, "public-key", 8),
		PrivateKey:   uuidLike(seededString(seed, "private-key", 32)),
	}
	if s.opts.RandomCredentials {
		fx.ClientSecret = "mdb_sa_sk_" + randomString(40)
		fx.PublicKey = randomString(8)
		fx.PrivateKey = uuidLike(randomString(32))
	}
	fx.ProjectID = s.newID()
	fx.Project2ID = s.newID()
	s.st.Fixtures = fx
	s.st.Projects[fx.ProjectID] = &project{ID: fx.ProjectID, Name: "atlassim-project-1", Created: now}
	s.st.Projects[fx.Project2ID] = &project{ID: fx.Project2ID, Name: "atlassim-project-2", Created: now}
	s.st.ServiceAccounts[fx.ClientID] = &serviceAccount{
		ClientID:    fx.ClientID,
		Name:        "atlassim admin",
		Description: "Organization owner used by the simulator fixtures",
		OrgRoles:    []string{"ORG_OWNER"},
		CreatedAt:   now,
		Groups:      map[string][]string{},
		Fixture:     true,
		Secrets: []*secret{{
			ID:        s.newID(),
			Hash:      hashSecret(fx.ClientSecret),
			Masked:    maskSecret(fx.ClientSecret),
			CreatedAt: now,
			// No practical expiry: the fixture credentials must keep
			// working however far tests move the clock.
			ExpiresAt: fixtureSecretExpiry,
		}},
	}
	first, last := namesFromEmail(fx.OrgMember)
	memberID := s.newID()
	s.st.Users[memberID] = &user{
		ID: memberID, Username: fx.OrgMember, Status: statusActive, CreatedAt: now,
		FirstName: first, LastName: last, Projects: map[string][]string{},
	}
}

// uuidLike formats 32 characters as 8-4-4-4-12, the shape of Atlas private keys.
func uuidLike(s string) string {
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// namesFromEmail derives a first and last name from the local part of an
// email address ("jane.doe@x" -> "Jane", "Doe"), because active users must
// carry both and the simulator has no profile data.
func namesFromEmail(email string) (string, string) {
	local, _, _ := strings.Cut(email, "@")
	parts := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' || r == '+' })
	title := func(p string) string {
		if p == "" {
			return p
		}
		return strings.ToUpper(p[:1]) + p[1:]
	}
	switch len(parts) {
	case 0:
		return "Atlas", "User"
	case 1:
		return title(parts[0]), "User"
	default:
		return title(parts[0]), title(strings.Join(parts[1:], " "))
	}
}

// loadState reads the state file; it reports (false, nil) when it does not exist.
func (s *Server) loadState() (bool, error) {
	data, err := os.ReadFile(s.opts.StateFile)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("atlassim: read state file: %w", err)
	}
	var st state
	if err := json.Unmarshal(data, &st); err != nil {
		return false, fmt.Errorf("atlassim: decode state file %s: %w", s.opts.StateFile, err)
	}
	if st.Projects == nil {
		st.Projects = map[string]*project{}
	}
	if st.ServiceAccounts == nil {
		st.ServiceAccounts = map[string]*serviceAccount{}
	}
	if st.Users == nil {
		st.Users = map[string]*user{}
	}
	if st.Tokens == nil {
		st.Tokens = map[string]*token{}
	}
	if st.Teams == nil {
		st.Teams = map[string]*team{}
	}
	// A state file written before the fixture secret stopped expiring.
	for _, sa := range st.ServiceAccounts {
		if sa.Fixture {
			for _, sec := range sa.Secrets {
				sec.ExpiresAt = fixtureSecretExpiry
			}
		}
	}
	s.st = &st
	return true, nil
}

// saveLocked writes the state file atomically (temp file + rename) so that a
// crash never leaves a half-written file. Callers hold s.mu.
func (s *Server) saveLocked() error {
	if s.opts.StateFile == "" {
		return nil
	}
	data, err := json.MarshalIndent(s.st, "", "  ")
	if err != nil {
		return fmt.Errorf("atlassim: encode state: %w", err)
	}
	dir, base := filepath.Split(s.opts.StateFile)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, base+".tmp*")
	if err != nil {
		return fmt.Errorf("atlassim: save state: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, s.opts.StateFile)
	}
	if werr != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("atlassim: save state: %w", werr)
	}
	return nil
}

// expireInvitationsLocked turns PENDING users whose invitation has run out
// into INVITATION_EXPIRED, lazily, whenever users are read or written.
func (s *Server) expireInvitationsLocked(now time.Time) {
	for _, u := range s.st.Users {
		if u.Status == statusPending && !u.InvitationExpiresAt.IsZero() && now.After(u.InvitationExpiresAt) {
			u.Status = statusExpired
		}
	}
}

// userByUsernameLocked finds a user by username, case-insensitively.
func (s *Server) userByUsernameLocked(username string) *user {
	for _, u := range s.st.Users {
		if strings.EqualFold(u.Username, username) {
			return u
		}
	}
	return nil
}

// visibleAccountLocked returns the service account with this client ID unless
// it is unknown or the invisible fixture account.
func (s *Server) visibleAccountLocked(clientID string) *serviceAccount {
	sa := s.st.ServiceAccounts[clientID]
	if sa == nil || sa.Fixture {
		return nil
	}
	return sa
}

// deleteUserLocked forgets a user: they leave the organization, every
// project and every team.
func (s *Server) deleteUserLocked(u *user) {
	delete(s.st.Users, u.ID)
	for _, t := range s.st.Teams {
		t.Members = slices.DeleteFunc(t.Members, func(id string) bool { return id == u.ID })
	}
}
