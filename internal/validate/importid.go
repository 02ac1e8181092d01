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
	return ParseParentClientID(id, "project_id")
}
