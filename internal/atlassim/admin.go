package atlassim

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// serveAdmin serves the unauthenticated /__atlassim/ endpoints that tests use
// to inspect and steer the simulator. They live outside /api so they cannot
// collide with Atlas paths, and they are not recorded in the request log.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	adminJSON := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(encodeJSON(v, true))
	}
	adminErr := func(status int, msg string) { adminJSON(status, map[string]string{"error": msg}) }
	allow := func(method string) bool {
		if r.Method == method {
			return true
		}
		w.Header().Set("Allow", method)
		adminErr(http.StatusMethodNotAllowed, "use "+method)
		return false
	}

	switch r.URL.Path {
	case "/__atlassim/requests":
		switch r.Method {
		case http.MethodGet:
			reqs := s.Requests()
			if reqs == nil {
				reqs = []RequestRecord{}
			}
			adminJSON(http.StatusOK, reqs)
		case http.MethodDelete:
			s.ResetRequests()
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", "GET, DELETE")
			adminErr(http.StatusMethodNotAllowed, "use GET or DELETE")
		}
	case "/__atlassim/clock":
		if r.Method != http.MethodGet && r.Method != http.MethodPut {
			w.Header().Set("Allow", "GET, PUT")
			adminErr(http.StatusMethodNotAllowed, "use GET or PUT")
			return
		}
		if err := s.serveClock(w, r); err != nil {
			adminErr(http.StatusBadRequest, err.Error())
		}
	case "/__atlassim/faults":
		if !allow(http.MethodPut) {
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 4096))
		if err != nil {
			adminErr(http.StatusBadRequest, err.Error())
			return
		}
		if err := s.SetFaults(string(body)); err != nil {
			adminErr(http.StatusBadRequest, err.Error())
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case "/__atlassim/users/accept", "/__atlassim/users/expire", "/__atlassim/users/reject":
		if !allow(http.MethodPost) {
			return
		}
		var req struct {
			Username string `json:"username"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&req); err != nil || req.Username == "" {
			adminErr(http.StatusBadRequest, `want {"username": "..."}`)
			return
		}
		var err error
		switch r.URL.Path {
		case "/__atlassim/users/accept":
			err = s.AcceptInvitation(req.Username)
		case "/__atlassim/users/expire":
			err = s.ExpireInvitation(req.Username)
		default:
			err = s.RejectInvitation(req.Username)
		}
		switch {
		case errors.Is(err, ErrUserNotFound):
			adminErr(http.StatusNotFound, err.Error())
		case errors.Is(err, ErrNotPending):
			adminErr(http.StatusConflict, err.Error())
		case err != nil:
			adminErr(http.StatusInternalServerError, err.Error())
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	case "/__atlassim/databaseUsers/password":
		if !allow(http.MethodPost) {
			return
		}
		var req struct {
			GroupID      string `json:"groupId"`
			DatabaseName string `json:"databaseName"`
			Username     string `json:"username"`
			Password     string `json:"password"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 8192)).Decode(&req); err != nil || req.GroupID == "" || req.Username == "" {
			adminErr(http.StatusBadRequest, `want {"groupId": "...", "databaseName": "...", "username": "...", "password": "..."}`)
			return
		}
		matches, err := s.DatabaseUserPasswordMatches(req.GroupID, req.DatabaseName, req.Username, req.Password)
		if err != nil {
			adminErr(http.StatusNotFound, err.Error())
			return
		}
		adminJSON(http.StatusOK, map[string]bool{"matches": matches})
	default:
		adminErr(http.StatusNotFound, "unknown admin endpoint")
	}
}
