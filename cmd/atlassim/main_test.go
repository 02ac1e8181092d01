package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

func TestWriteFileAtomically(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		existing string // "" means no file before
		data     string
	}{
		"new file":              {data: "export A=1\n"},
		"replaces a stale file": {existing: "export OLD=stale\n", data: "export A=2\n"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "atlassim.env")
			if tc.existing != "" {
				if err := os.WriteFile(path, []byte(tc.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := writeFileAtomically(path, []byte(tc.data)); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tc.data {
				t.Fatalf("file = %q, %v; want %q", got, err, tc.data)
			}
			info, err := os.Stat(path)
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("mode = %v, %v; want 0600 (the file holds a client secret)", info.Mode(), err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("directory holds %d entries; want only the file, no temporary left behind", len(entries))
			}
		})
	}
}

func TestWriteFileAtomically_missingDirectoryFails(t *testing.T) {
	t.Parallel()
	if err := writeFileAtomically(filepath.Join(t.TempDir(), "no", "such", "atlassim.env"), []byte("x")); err == nil {
		t.Fatal("want an error for a directory that does not exist")
	}
}

// TestEnvFile_holdsOneCredentialSet checks what -env-file writes: everything
// a module needs, and only the client ID and secret as credentials, so the
// provider sees one set in the environment.
func TestEnvFile_holdsOneCredentialSet(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	fx := sim.Fixtures()
	text := atlassim.EnvFileLines("http://127.0.0.1:1", fx)
	for _, want := range []string{
		"export MONGODB_ATLAS_BASE_URL=http://127.0.0.1:1\n",
		"export MONGODB_ATLAS_CLIENT_ID=", "export MONGODB_ATLAS_CLIENT_SECRET=",
		"export ATLASSIM_ORG_ID=", "export ATLASSIM_PROJECT_ID=", "export ATLASSIM_PROJECT2_ID=", "export ATLASSIM_ORG_MEMBER=",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("env file lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"PUBLIC_KEY", "PRIVATE_KEY", "ACCESS_TOKEN", fx.PrivateKey} {
		if strings.Contains(text, unwanted) {
			t.Errorf("env file holds %q, a second credential set:\n%s", unwanted, text)
		}
	}
	// Stdout, unlike the file, keeps every fixture variable, the API key pair
	// for digest authentication included (the README says so).
	if stdout := atlassim.ExportLines("http://127.0.0.1:1", fx); !strings.Contains(stdout, "MONGODB_ATLAS_PUBLIC_KEY=") {
		t.Errorf("stdout must keep printing every fixture variable, API keys included:\n%s", stdout)
	}
}

func TestNonLoopbackWarning(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		addr     net.Addr
		wantWarn bool
	}{
		"127.0.0.1":     {addr: &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 8080}},
		"127.0.0.2":     {addr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2"), Port: 8080}},
		"::1":           {addr: &net.TCPAddr{IP: net.ParseIP("::1"), Port: 8080}},
		"all IPv4":      {addr: &net.TCPAddr{IP: net.IPv4zero, Port: 8080}, wantWarn: true},
		"all IPv6":      {addr: &net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, wantWarn: true},
		"a LAN address": {addr: &net.TCPAddr{IP: net.ParseIP("192.168.1.20"), Port: 8080}, wantWarn: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := nonLoopbackWarning(tc.addr)
			if (w != "") != tc.wantWarn {
				t.Fatalf("warning = %q; want one: %v", w, tc.wantWarn)
			}
			if tc.wantWarn && (!strings.Contains(w, "no authentication") || !strings.Contains(w, "-listen 127.0.0.1")) {
				t.Fatalf("warning %q does not say the admin API is open and how to listen locally", w)
			}
		})
	}
}
