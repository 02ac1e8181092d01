package safeops

import (
	"context"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Reads is the read-only view of a Service that data sources use: reads of
// one object share the resources' listings (coalesce.go), and nothing read
// is held, since a data source manages nothing.
type Reads struct{ s *Service }

// Reads returns the read-only view of s.
func (s *Service) Reads() Reads { return Reads{s} }

// GetProjectServiceAccount reads one account of a project, coalesced.
func (r Reads) GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error) {
	return r.s.readProjectAccount(ctx, projectID, clientID)
}

// GetOrgServiceAccount reads one account of an organization, coalesced.
func (r Reads) GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error) {
	return r.s.readOrgAccount(ctx, orgID, clientID)
}

// ListProjectServiceAccounts lists a project's accounts (every page).
func (r Reads) ListProjectServiceAccounts(ctx context.Context, projectID string) ([]client.ServiceAccount, error) {
	return r.s.c.ListProjectServiceAccounts(ctx, projectID)
}

// ListOrgServiceAccounts lists an organization's accounts (every page).
func (r Reads) ListOrgServiceAccounts(ctx context.Context, orgID string) ([]client.OrgServiceAccount, error) {
	return r.s.c.ListOrgServiceAccounts(ctx, orgID)
}

// ProjectOrgID returns the organization of a project (cached by the client).
func (r Reads) ProjectOrgID(ctx context.Context, projectID string) (string, error) {
	return r.s.c.ProjectOrgID(ctx, projectID)
}

// ListOrgServiceAccountProjects returns the projects an account is in, as
// Service.ListOrgServiceAccountProjects.
func (r Reads) ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]client.ServiceAccountProject, error) {
	return r.s.ListOrgServiceAccountProjects(ctx, orgID, clientID)
}

// ListTeams lists an organization's teams (every page).
func (r Reads) ListTeams(ctx context.Context, orgID string) ([]client.Team, error) {
	return r.s.c.ListTeams(ctx, orgID)
}
