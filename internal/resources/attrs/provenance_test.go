package attrs

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// memPrivate is private state in memory.
type memPrivate map[string][]byte

func (m memPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return m[key], nil
}

func (m memPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	m[key] = value
	return nil
}

// Only what a create leaves behind makes an account "created here": an
// import, and anything uncertain, reads as not created here, so that a
// destroy never deletes from the organization an account it did not make.
func TestCreatedHere(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	recorded := memPrivate{}
	if d := RecordCreatedHere(ctx, recorded); d.HasError() {
		t.Fatal(d)
	}
	olderWithInitialSecret := memPrivate{}
	RecordInitialSecret(ctx, olderWithInitialSecret, "6789abcdef0123456789abcd")
	cases := map[string]struct {
		private memPrivate
		secret  types.String
		want    bool
	}{
		"recorded at create":                                   {private: recorded, secret: types.StringNull(), want: true},
		"older state with the initial secret's ID":             {private: olderWithInitialSecret, secret: types.StringNull(), want: true},
		"older state with the first secret's plaintext":        {private: memPrivate{}, secret: types.StringValue("mdb_sa_sk_plain"), want: true},
		"import: no record, no plaintext":                      {private: memPrivate{}, secret: types.StringNull(), want: false},
		"older state without initial secret: read as imported": {private: memPrivate{}, secret: types.StringValue(""), want: false},
		"a record that is not true":                            {private: memPrivate{createdHereKey: []byte("false")}, secret: types.StringNull(), want: false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := CreatedHere(ctx, tc.private, tc.secret); got != tc.want {
				t.Fatalf("CreatedHere = %v, want %v", got, tc.want)
			}
		})
	}
}
