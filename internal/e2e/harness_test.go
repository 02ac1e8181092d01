package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// pluginDir holds the provider binary built once for the whole package.
var pluginDir string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if os.Getenv("ATLASACCESS_ACC_REAL") == "1" {
		// Skipped by each test with a message; nothing to build.
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "atlasaccess-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-atlasaccess"), "../..")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the provider:", err)
		return 1
	}
	pluginDir = dir
	return m.Run()
}

// workspace is one terraform working directory wired to the provider binary
// and a fresh simulator.
type workspace struct {
	t   *testing.T
	dir string
	sim *atlassim.Server
	url string
	fx  atlassim.Fixtures
	env []string
	// tfPath is the terraform CLI every run uses: TF_ACC_TERRAFORM_PATH
	// (the variable terraform-plugin-testing and the Makefile use), else the
	// terraform found on PATH.
	tfPath string
}

func newWorkspace(t *testing.T, opts atlassim.Options) *workspace {
	t.Helper()
	if os.Getenv("ATLASACCESS_ACC_REAL") == "1" {
		t.Skip("end-to-end tests inspect the simulator; they do not run against real Atlas")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			t.Fatal("terraform CLI not found: put terraform on PATH or set TF_ACC_TERRAFORM_PATH; these tests must not be skipped")
		}
		tf = p
	}
	sim, err := atlassim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return newWorkspaceOn(t, tf, sim, srv.URL)
}

// newWorkspaceOn is a working directory wired to a simulator that other
// workspaces may share (sim, served at url), run with the terraform at tf.
func newWorkspaceOn(t *testing.T, tf string, sim *atlassim.Server, url string) *workspace {
	t.Helper()
	dir := t.TempDir()
	rc := filepath.Join(dir, ".terraformrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "atlasaccess/atlasaccess" = %q
  }
  direct {}
}
`, pluginDir)), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, dir: dir, sim: sim, url: url, fx: sim.Fixtures(), tfPath: tf}
	w.env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"MONGODB_ATLAS_BASE_URL="+url,
	)
	// Nothing from the developer's own environment may choose credentials.
	w.env = filterEnv(w.env, "MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET", "MONGODB_ATLAS_PUBLIC_KEY",
		"MONGODB_ATLAS_PRIVATE_KEY", "MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_ACCESS_TOKEN", "TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER")
	return w
}

func filterEnv(env []string, drop ...string) []string {
	out := env[:0:0]
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, d := range drop {
			if name == d {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

// setenv adds NAME=value to the environment of later terraform runs.
func (w *workspace) setenv(name, value string) { w.env = append(w.env, name+"="+value) }

// write puts a file into the working directory.
func (w *workspace) write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// terraform runs the CLI and returns its combined output; a non-zero exit
// fails the test unless allowFail.
func (w *workspace) terraform(allowFail bool, args ...string) (string, error) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := w.command(ctx, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil && !allowFail {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), err
}

func (w *workspace) command(ctx context.Context, args ...string) *exec.Cmd {
	if len(args) > 0 && args[0] != "state" {
		args = append([]string{args[0], "-no-color"}, args[1:]...)
	}
	cmd := exec.CommandContext(ctx, w.tfPath, args...)
	cmd.Dir = w.dir
	cmd.Env = w.env
	return cmd
}
