package validate

import (
	"fmt"
	"strings"
)

// ParseImportID splits a composite import ID of the form "a/b" into exactly
// len(parts) non-empty fields. parts names each field for the error message,
// e.g. ParseImportID(id, "project_id", "client_id").
func ParseImportID(id string, parts ...string) ([]string, error) {
	fields := strings.Split(id, "/")
	if len(fields) != len(parts) {
		return nil, fmt.Errorf("expected an import ID of the form %s, got %q", strings.Join(parts, "/"), id)
	}
	for i, f := range fields {
		if f == "" || strings.TrimSpace(f) != f {
			return nil, fmt.Errorf("expected an import ID of the form %s, got %q: %s is empty or has surrounding spaces", strings.Join(parts, "/"), id, parts[i])
		}
	}
	return fields, nil
}

// ParseProjectClientID parses the import ID project_id/client_id of the
// resources that address a service account in a project, checking both
// parts.
func ParseProjectClientID(id string) (projectID, clientID string, err error) {
	parts, err := ParseImportID(id, "project_id", "client_id")
	if err != nil {
		return "", "", err
	}
	switch {
	case !IsObjectID(parts[0]):
		return "", "", fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits", parts[0])
	case !IsClientID(parts[1]):
		return "", "", fmt.Errorf("client_id %q must be mdb_sa_id_ followed by 24 hexadecimal digits", parts[1])
	}
	return parts[0], parts[1], nil
}
