package client

import (
	"context"
	"fmt"
	"net/http"
)

// VersionProjectAccessList is the media-type version of the project IP
// access list operations.
const VersionProjectAccessList = "2023-01-01"

// Statuses of a project IP access list entry (NetworkPermissionEntryStatus).
const (
	ProjectAccessListStatusActive  = "ACTIVE"
	ProjectAccessListStatusPending = "PENDING"
	ProjectAccessListStatusFailed  = "FAILED"
)

// ProjectAccessListEntry is one entry of a project's IP access list
// (NetworkPermissionEntry): exactly one of CIDRBlock, IPAddress and
// AWSSecurityGroup when adding. Atlas answers a single address with both
// IPAddress and its /32 or /128 CIDRBlock. GroupID is read-only.
type ProjectAccessListEntry struct {
	AWSSecurityGroup string  `json:"awsSecurityGroup,omitempty"`
	CIDRBlock        string  `json:"cidrBlock,omitempty"`
	IPAddress        string  `json:"ipAddress,omitempty"`
	Comment          string  `json:"comment,omitempty"`
	DeleteAfterDate  *string `json:"deleteAfterDate,omitempty"`
	GroupID          string  `json:"groupId,omitempty"`
}

// Value is how the entry is named in a path: its CIDR block, else its
// address, else its security group.
func (e ProjectAccessListEntry) Value() string {
	switch {
	case e.CIDRBlock != "":
		return e.CIDRBlock
	case e.IPAddress != "":
		return e.IPAddress
	}
	return e.AWSSecurityGroup
}

// projectAccessListAddition is the wire form of an entry being added.
type projectAccessListAddition struct {
	AWSSecurityGroup string  `json:"awsSecurityGroup,omitempty"`
	CIDRBlock        string  `json:"cidrBlock,omitempty"`
	IPAddress        string  `json:"ipAddress,omitempty"`
	Comment          string  `json:"comment,omitempty"`
	DeleteAfterDate  *string `json:"deleteAfterDate,omitempty"`
}

// ListProjectAccessList returns every entry of a project's IP access list,
// reading all pages.
func (c *Client) ListProjectAccessList(ctx context.Context, projectID string) ([]ProjectAccessListEntry, error) {
	path, err := projectAccessListPath(projectID)
	if err != nil {
		return nil, err
	}
	return listAll[ProjectAccessListEntry](ctx, c, path, nil, VersionProjectAccessList)
}

// AddProjectAccessListEntries adds entries to a project's IP access list in
// one POST; none makes no request. Atlas treats an entry already present as
// an update of its comment, so sending an entry again is harmless and every
// failure that may be passing is retried, including the HTTP 500 with which
// Atlas refuses a POST that arrives while another POST for the same project
// is processed (the endpoint "doesn't support concurrent POST requests").
// Callers that can should still send one POST per project at a time.
func (c *Client) AddProjectAccessListEntries(ctx context.Context, projectID string, entries []ProjectAccessListEntry) error {
	path, err := projectAccessListPath(projectID)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	body := make([]projectAccessListAddition, len(entries))
	for i, e := range entries {
		n := 0
		for _, v := range []string{e.CIDRBlock, e.IPAddress, e.AWSSecurityGroup} {
			if v != "" {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("atlas client: IP access list entry %d of project %s must set exactly one of a CIDR block, an IP address and an AWS security group (got %q, %q and %q)",
				i+1, projectID, e.CIDRBlock, e.IPAddress, e.AWSSecurityGroup)
		}
		body[i] = projectAccessListAddition{AWSSecurityGroup: e.AWSSecurityGroup, CIDRBlock: e.CIDRBlock, IPAddress: e.IPAddress,
			Comment: e.Comment, DeleteAfterDate: e.DeleteAfterDate}
	}
	return c.do(ctx, request{method: http.MethodPost, path: path, version: VersionProjectAccessList, body: body, kind: opSafePost}, nil)
}

// GetProjectAccessListEntry returns one entry of a project's IP access
// list, named by its address, CIDR block or security group.
func (c *Client) GetProjectAccessListEntry(ctx context.Context, projectID, entryValue string) (*ProjectAccessListEntry, error) {
	path, err := projectAccessListEntryPath(projectID, entryValue, "")
	if err != nil {
		return nil, err
	}
	var out ProjectAccessListEntry
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionProjectAccessList}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProjectAccessListEntryStatus returns the status of one entry:
// ProjectAccessListStatusActive once it applies to every cloud provider
// serving the project, ProjectAccessListStatusPending before, or
// ProjectAccessListStatusFailed.
func (c *Client) GetProjectAccessListEntryStatus(ctx context.Context, projectID, entryValue string) (string, error) {
	path, err := projectAccessListEntryPath(projectID, entryValue, "/status")
	if err != nil {
		return "", err
	}
	var out struct {
		Status string `json:"STATUS"`
	}
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionProjectAccessList}, &out); err != nil {
		return "", err
	}
	return out.Status, nil
}

// DeleteProjectAccessListEntry removes one entry from a project's IP access
// list. The value is one path segment: a block's "/" is sent as %2F, as
// Atlas expects.
func (c *Client) DeleteProjectAccessListEntry(ctx context.Context, projectID, entryValue string) error {
	path, err := projectAccessListEntryPath(projectID, entryValue, "")
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionProjectAccessList}, nil)
}

// projectAccessListPath is /groups/{groupId}/accessList.
func projectAccessListPath(projectID string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/accessList")
}

// projectAccessListEntryPath is /groups/{groupId}/accessList/{entryValue}
// followed by rest.
func projectAccessListEntryPath(projectID, entryValue, rest string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/accessList/", "IP access list entry", entryValue, rest)
}
