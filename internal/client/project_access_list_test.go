package client_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func newIPAccessClient(t *testing.T, opts atlassim.Options) (*atlassim.Server, *client.Client, atlassim.Fixtures) {
	t.Helper()
	sim, err := atlassim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c, fx
}

// The project IP access list calls against the simulator: entries of each
// kind are added, read, followed from PENDING to ACTIVE and removed, a
// block by a path segment with its "/" sent as %2F.
func TestProjectAccessListCalls_againstTheSimulator(t *testing.T) {
	t.Parallel()
	_, c, fx := newIPAccessClient(t, atlassim.Options{Seed: 3})
	ctx := context.Background()
	p := fx.ProjectID
	err := c.AddProjectAccessListEntries(ctx, p, []client.ProjectAccessListEntry{
		{CIDRBlock: "10.1.0.0/16", Comment: "office"},
		{IPAddress: "203.0.113.9"},
		{CIDRBlock: "2001:db8:0:0:0:0:0:0/32"},
		{AWSSecurityGroup: "sg-0123abcd"},
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.ListProjectAccessList(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, e := range list {
		values = append(values, e.Value())
	}
	slices.Sort(values)
	want := []string{"10.1.0.0/16", "2001:0db8:0000:0000:0000:0000:0000:0000/32", "203.0.113.9/32", "sg-0123abcd"}
	if !slices.Equal(values, want) {
		t.Fatalf("entries %v, want %v", values, want)
	}
	for _, v := range []string{"10.1.0.0/16", "2001:db8::/32", "sg-0123abcd", "203.0.113.9"} {
		e, err := c.GetProjectAccessListEntry(ctx, p, v)
		if err != nil {
			t.Fatalf("get %s: %v", v, err)
		}
		if v == "10.1.0.0/16" && e.Comment != "office" {
			t.Errorf("comment %q, want office", e.Comment)
		}
		var statuses []string
		for range 2 {
			s, err := c.GetProjectAccessListEntryStatus(ctx, p, v)
			if err != nil {
				t.Fatalf("status of %s: %v", v, err)
			}
			statuses = append(statuses, s)
		}
		if !slices.Equal(statuses, []string{client.ProjectAccessListStatusPending, client.ProjectAccessListStatusActive}) {
			t.Errorf("statuses of %s: %v, want PENDING then ACTIVE", v, statuses)
		}
		if err := c.DeleteProjectAccessListEntry(ctx, p, v); err != nil {
			t.Fatalf("delete %s: %v", v, err)
		}
	}
	if err := c.DeleteProjectAccessListEntry(ctx, p, "10.1.0.0/16"); !client.IsNotFound(err) {
		t.Errorf("second delete: %v, want not found", err)
	}
	if list, err := c.ListProjectAccessList(ctx, p); err != nil || len(list) != 0 {
		t.Errorf("after deleting everything: %v, %v", list, err)
	}
}

// A POST refused because another POST for the project is in flight is
// sent again, and goes through once the other one is answered.
func TestAddProjectAccessListEntries_retriesConcurrentRefusal(t *testing.T) {
	t.Parallel()
	sim, c, fx := newIPAccessClient(t, atlassim.Options{Seed: 4})
	ctx := context.Background()
	var inner error
	sim.SetIPAccessPostHook(func(string) {
		sim.SetIPAccessPostHook(nil)
		// While the outer POST is in flight, this one is refused; the
		// client retries it, and the retry meets the same refusal until
		// its budget is spent: nothing waits for the outer POST here.
		inner = c.AddProjectAccessListEntries(ctx, fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.2.0.0/16"}})
	})
	if err := c.AddProjectAccessListEntries(ctx, fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.1.0.0/16"}}); err != nil {
		t.Fatal(err)
	}
	if client.ErrorCode(inner) != "UNEXPECTED_ERROR" {
		t.Fatalf("POST during another POST: %v, want Atlas's refusal once the retries are spent", inner)
	}
	if err := c.AddProjectAccessListEntries(ctx, fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.2.0.0/16"}}); err != nil {
		t.Fatalf("the same POST afterwards: %v", err)
	}
}

func TestAddProjectAccessListEntries_refusesAmbiguousEntry(t *testing.T) {
	t.Parallel()
	c, err := client.New(client.Config{BaseURL: "http://127.0.0.1:1", AccessToken: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]client.ProjectAccessListEntry{
		"none": {Comment: "x"},
		"two":  {CIDRBlock: "10.0.0.0/8", AWSSecurityGroup: "sg-0123abcd"},
	} {
		if err := c.AddProjectAccessListEntries(context.Background(), "0123456789abcdef01234567", []client.ProjectAccessListEntry{e}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
