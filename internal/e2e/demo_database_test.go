package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// demoDBPassword is the password the demo test gives the demo's database
// user (examples/demo/database.tf), as demo.sh does, through the
// environment.
const demoDBPassword = "demo-Passw0rd-of-orders"

// expectDemoDatabaseUser: the demo's database user exists with its role,
// Atlas accepts the password from the ephemeral variable, and the state
// does not hold it.
func expectDemoDatabaseUser(t *testing.T, w *workspace) {
	t.Helper()
	u, err := w.orgOwnerClient().GetDatabaseUser(context.Background(), w.fx.ProjectID, client.AuthDatabaseAdmin, "orders-app")
	if err != nil {
		t.Fatalf("the demo's database user is not in Atlas: %v", err)
	}
	if len(u.Roles) != 1 || u.Roles[0].RoleName != "readWrite" || u.Roles[0].DatabaseName != "orders" {
		t.Fatalf("the demo's database user has roles %+v; want readWrite on orders", u.Roles)
	}
	if ok, err := w.sim.DatabaseUserPasswordMatches(w.fx.ProjectID, client.AuthDatabaseAdmin, "orders-app", demoDBPassword); err != nil || !ok {
		t.Fatalf("Atlas does not accept the demo's database password (%v)", err)
	}
	state, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(state), demoDBPassword) {
		t.Fatal("the demo's state holds the database password")
	}
}

// expectDemoDatabaseUserGone: destroy removed the demo's database user.
func expectDemoDatabaseUserGone(t *testing.T, w *workspace) {
	t.Helper()
	if _, err := w.orgOwnerClient().GetDatabaseUser(context.Background(), w.fx.ProjectID, client.AuthDatabaseAdmin, "orders-app"); !client.IsNotFound(err) {
		t.Fatalf("the demo's database user is still in the project after destroy (err=%v)", err)
	}
}
