package serviceaccount

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// api is what the account resources need from Atlas; *safeops.Service
// provides it. Calls that exist once per owner are reached through
// accounts, the per-kind adapter.
type api interface {
	CreateProjectServiceAccount(ctx context.Context, projectID string, req client.CreateServiceAccountRequest) (*client.ServiceAccount, []safeops.Degradation, error)
	GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error)
	UpdateProjectServiceAccount(ctx context.Context, projectID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error)
	AssignServiceAccount(ctx context.Context, projectID, clientID string, roles []string) (*client.ServiceAccount, error)
	DeleteProjectServiceAccount(ctx context.Context, projectID, clientID string) error
	DeleteOrgServiceAccount(ctx context.Context, orgID, projectID, clientID, name string) error
	ProjectOrgID(ctx context.Context, projectID string) (string, error)
	ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]client.ServiceAccountProject, error)

	CreateOrgServiceAccount(ctx context.Context, orgID string, req client.CreateServiceAccountRequest) (*client.OrgServiceAccount, []safeops.Degradation, error)
	GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error)
	UpdateOrgServiceAccount(ctx context.Context, orgID, clientID string, req client.UpdateServiceAccountRequest) (*client.OrgServiceAccount, error)
	DeleteOrgAccount(ctx context.Context, orgID, clientID, name string) error

	DeleteInitialSecret(ctx context.Context, owner client.Owner, clientID, recorded string, secrets []client.ServiceAccountSecret) (safeops.InitialSecretOutcome, error)
	AtlasNow() (time.Time, bool)
}

// accountLookup is what a read found of an account in state.
type accountLookup int

const (
	accountInOwner   accountLookup = iota // in its project or organization
	accountOnlyInOrg                      // removed from its project, still in the organization
	accountGone                           // deleted from the organization
)

// accounts is the half of the api that differs by owner, in one shape:
// every account comes back as a client.ServiceAccount.
type accounts interface {
	create(ctx context.Context, ownerID string, req client.CreateServiceAccountRequest) (*client.ServiceAccount, []safeops.Degradation, error)
	// lookup reads an account; an error is never "gone".
	lookup(ctx context.Context, ownerID, clientID string) (*client.ServiceAccount, accountLookup, error)
	update(ctx context.Context, ownerID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error)
}

// restorer is implemented by the accounts of an owner an account can be
// removed from without being deleted (a project): restore puts it back.
type restorer interface {
	restore(ctx context.Context, ownerID, clientID string, roles []string) (*client.ServiceAccount, error)
}

// accountKind is what tells the two account resources apart beyond the
// owner (owner.Kind): their type names, roles and descriptions, and the
// adapter to their calls. Each resource type adds what is only its own:
// the project account its keep_in_organization, restore and delete (see
// project.go), the organization account its delete (org.go).
type accountKind struct {
	owner.Kind
	// suffix follows the provider type name in the resource type name.
	suffix string
	// description is the resource's description.
	description string
	// rolesDescription describes roles; roleValidators check them.
	rolesDescription string
	roleValidators   func() []validator.Set
	// secretSuffix is the type name suffix of the secret resource of the
	// same owner.
	secretSuffix string
	// version and extraAttributes are the schema's version and the
	// attributes only this kind has.
	version         int64
	extraAttributes func() map[string]schema.Attribute
	// newModel returns an empty model of this kind.
	newModel func() model
	// accounts is the adapter to this kind's calls.
	accounts func(a api) accounts
	// recordsCreatedHere: the kind's destroy asks whether the resource
	// created its account (attrs.RecordCreatedHere).
	recordsCreatedHere bool
	// manualDelete says how to delete an account by hand, given the
	// owner's ID (for a create whose outcome is unknown).
	manualDelete string
	// importNotFoundHint ends the message of an import of a missing account.
	importNotFoundHint string
	// goneFrom says where an account deleted outside Terraform is gone from.
	goneFrom string
}

// typeName is the full resource type name, for messages.
func (k *accountKind) typeName() string { return "atlasaccess" + k.suffix }

var projectKind = &accountKind{
	Kind:   owner.Project,
	suffix: "_project_service_account",
	description: "Creates an Atlas service account for a project, with project roles and a first client secret. " +
		"The account is an organization service account that is a member of the project's organization and is assigned to this project.\n\n" +
		"The plaintext `secret` is returned by Atlas only once, at creation, and is kept in the Terraform state: protect the state " +
		"(an encrypted remote backend with restricted access) or read the secret once and rotate it.",
	rolesDescription: "Project roles of the service account, at least one of " + validate.RolesMarkdown() + ". Updated in place. " +
		"When the account was removed from the project outside Terraform (but not deleted), the refresh records no roles and " +
		"the plan assigns it to the project again with these roles.",
	roleValidators:     validate.Roles,
	secretSuffix:       "_project_service_account_secret",
	version:            projectSchemaVersion,
	extraAttributes:    projectAttributes,
	newModel:           func() model { return &projectAccountModel{} },
	accounts:           func(a api) accounts { return projectAccounts{a} },
	recordsCreatedHere: true,
	manualDelete:       "Atlas UI, or DELETE /api/atlas/v2/groups/%s/serviceAccounts/{clientId} and then from the organization",
	importNotFoundHint: "; an organization service account assigned to the project is imported as atlasaccess_project_service_account_assignment.",
	goneFrom:           " in its organization",
}

var orgKind = &accountKind{
	Kind:   owner.Org,
	suffix: "_service_account",
	description: "Creates an Atlas organization service account, with organization roles and a first client secret. " +
		"Give it project roles with `atlasaccess_project_service_account_assignment`, one per project.\n\n" +
		"The plaintext `secret` is returned by Atlas only once, at creation, and is kept in the Terraform state: protect the state " +
		"(an encrypted remote backend with restricted access), or set `keep_initial_secret = false` and issue secrets with " +
		"`atlasaccess_service_account_secret` resources.",
	rolesDescription: "Organization roles of the service account, at least one of " + validate.OrgRolesMarkdown() + ". Updated in place. " +
		"Project roles are given per project by `atlasaccess_project_service_account_assignment`.",
	roleValidators:     validate.OrgRoles,
	secretSuffix:       "_service_account_secret",
	newModel:           func() model { return &orgAccountModel{} },
	accounts:           func(a api) accounts { return orgAccounts{a} },
	manualDelete:       "Atlas UI, or DELETE /api/atlas/v2/orgs/%s/serviceAccounts/{clientId}",
	importNotFoundHint: ".",
}

// orgAccounts are the calls of organization accounts.
type orgAccounts struct{ api }

// fromOrg is an organization account in the shape every kind shares.
func fromOrg(sa *client.OrgServiceAccount) *client.ServiceAccount {
	return &client.ServiceAccount{
		ClientID: sa.ClientID, Name: sa.Name, Description: sa.Description, Roles: sa.Roles, CreatedAt: sa.CreatedAt, Secrets: sa.Secrets,
	}
}

func (o orgAccounts) create(ctx context.Context, orgID string, req client.CreateServiceAccountRequest) (*client.ServiceAccount, []safeops.Degradation, error) {
	sa, degradations, err := o.CreateOrgServiceAccount(ctx, orgID, req)
	if err != nil {
		return nil, degradations, err
	}
	return fromOrg(sa), degradations, nil
}

func (o orgAccounts) lookup(ctx context.Context, orgID, clientID string) (*client.ServiceAccount, accountLookup, error) {
	sa, err := o.GetOrgServiceAccount(ctx, orgID, clientID)
	switch {
	case client.IsNotFound(err):
		return nil, accountGone, nil
	case err != nil:
		return nil, 0, err
	}
	return fromOrg(sa), accountInOwner, nil
}

func (o orgAccounts) update(ctx context.Context, orgID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error) {
	sa, err := o.UpdateOrgServiceAccount(ctx, orgID, clientID, req)
	if err != nil {
		return nil, err
	}
	return fromOrg(sa), nil
}
