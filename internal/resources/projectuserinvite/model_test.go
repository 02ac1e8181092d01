package projectuserinvite

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A role update cannot change status or the invitation's details, so the
// state after it keeps what the plan showed.
func TestKeepMembership(t *testing.T) {
	t.Parallel()
	state := projectUserInviteModel{
		Status: types.StringValue(statusPending), InvitationCreatedAt: types.StringValue("2025-01-01T00:00:00Z"),
		InvitationExpiresAt: types.StringValue("2025-01-31T00:00:00Z"), InviterUsername: types.StringValue("admin@example.com"),
	}
	after := projectUserInviteModel{Status: types.StringValue(statusActive), InvitationCreatedAt: types.StringNull(),
		InvitationExpiresAt: types.StringNull(), InviterUsername: types.StringNull(), UserID: types.StringValue("u")}
	after.keepMembership(&state)
	if !after.Status.Equal(state.Status) || !after.InvitationCreatedAt.Equal(state.InvitationCreatedAt) ||
		!after.InvitationExpiresAt.Equal(state.InvitationExpiresAt) || !after.InviterUsername.Equal(state.InviterUsername) {
		t.Fatalf("keepMembership = %+v, want the state's status and invitation", after)
	}
	if after.UserID.ValueString() != "u" {
		t.Fatal("keepMembership changed more than the membership")
	}
}
