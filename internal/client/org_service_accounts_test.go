package client

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
)

// A create whose answer is lost may have created the object: the error says
// so, and the request is not sent again, which could make a second one.
func TestCreate_lostAnswerOnOrgAccountOrSecretIsNotRetriedIntoADuplicate(t *testing.T) {
	t.Parallel()
	tests := map[string]func(c *Client) error{
		"CreateOrgServiceAccount": func(c *Client) error {
			_, err := c.CreateOrgServiceAccount(context.Background(), testOrgID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 8})
			return err
		},
		"CreateServiceAccountSecret of an organization account": func(c *Client) error {
			_, err := c.CreateServiceAccountSecret(context.Background(), OrgOwner(testOrgID), testClientID, 8)
			return err
		},
		"CreateServiceAccountSecret of a project account": func(c *Client) error {
			_, err := c.CreateServiceAccountSecret(context.Background(), ProjectOwner(testProjectID), testClientID, 8)
			return err
		},
		"CreateProjectServiceAccountSecret": func(c *Client) error {
			_, err := c.CreateProjectServiceAccountSecret(context.Background(), testProjectID, testClientID, 8)
			return err
		},
	}
	for name, call := range tests {
		t.Run(name+"/lost answer", func(t *testing.T) {
			t.Parallel()
			var created atomic.Int32
			srv := newServer(t, dropFirstAnswer(t, func(w http.ResponseWriter, r *http.Request) {
				created.Add(1)
				writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
			}))
			c := newTestClient(t, srv.URL, nil)
			err := call(c)
			if !MayHaveHappened(err) || !IsAmbiguous(err) {
				t.Fatalf("error = %v; want MayHaveHappened and IsAmbiguous", err)
			}
			if created.Load() != 1 {
				t.Fatalf("creates = %d; want 1 (no retry into a duplicate)", created.Load())
			}
		})
		t.Run(name+"/500", func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				writeAPIError(w, http.StatusInternalServerError, "UNEXPECTED_ERROR", "oops")
			})
			c := newTestClient(t, srv.URL, nil)
			err := call(c)
			if !MayHaveHappened(err) || !IsAmbiguous(err) || n.Load() != 1 {
				t.Fatalf("error = %v after %d requests; want an ambiguous error after 1", err, n.Load())
			}
		})
		t.Run(name+"/503 is retried", func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					writeAPIError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "later")
					return
				}
				writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
			})
			c := newTestClient(t, srv.URL, nil)
			if err := call(c); err != nil || n.Load() != 2 {
				t.Fatalf("error = %v after %d requests; want success after 2", err, n.Load())
			}
		})
	}
}
