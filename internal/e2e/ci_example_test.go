package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

const (
	readmePath         = "../../README.md"
	readmeModuleTests  = "## Testing your own modules offline with atlassim"
	ciExamplePath      = "../../examples/ci/terraform-test.yml"
	projectAccessPath  = "../../examples/modules/project-access"
	readmeBuildCommand = `(cd "$atlasaccess" && go build `
)

// TestCIExample_runsTheREADMECommands keeps examples/ci/terraform-test.yml,
// which cannot run here, honest: its run steps are, in order and line for
// line, the shell blocks of the README section that teaches testing a module
// offline. Comment lines and blank lines are ignored; anything else that
// differs fails, in either file.
func TestCIExample_runsTheREADMECommands(t *testing.T) {
	t.Parallel()
	readme := readmeModuleTestBlocks(t)
	steps := workflowRunSteps(t, ciExamplePath)
	if len(readme) == 0 || len(steps) == 0 {
		t.Fatalf("found %d shell blocks in the README section and %d run steps in %s; want both", len(readme), len(steps), ciExamplePath)
	}
	if len(readme) != len(steps) {
		t.Fatalf("the README section has %d shell blocks and %s has %d run steps; each block must be one step:\nREADME: %q\nworkflow: %q",
			len(readme), ciExamplePath, len(steps), readme, steps)
	}
	for i := range readme {
		if !slices.Equal(readme[i], steps[i]) {
			t.Errorf("README block %d and run step %d of %s differ:\nREADME:\n%s\nworkflow:\n%s",
				i+1, i+1, ciExamplePath, strings.Join(readme[i], "\n"), strings.Join(steps[i], "\n"))
		}
	}
	// The flow is the one the section promises: build, start the simulator,
	// terraform test, stop it.
	all := strings.Join(slices.Concat(readme...), "\n")
	for _, want := range []string{"go build -o bin/atlassim ./cmd/atlassim", "dev_overrides", "TF_CLI_CONFIG_FILE", "-env-file", "terraform test ", `kill "$atlassim_pid"`} {
		if !strings.Contains(all, want) {
			t.Errorf("the README's commands lack %q:\n%s", want, all)
		}
	}
}

// TestCIExample_pinsWhatItRuns checks that the workflow users copy runs
// nothing that can change under them: every action at a full commit SHA
// with its version beside it, Go at an exact version, and the provider
// checked out at a ref the user sets.
func TestCIExample_pinsWhatItRuns(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(ciExamplePath)
	if err != nil {
		t.Fatal(err)
	}
	pinnedAction := regexp.MustCompile(`^\s*- uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$`)
	exactGo := regexp.MustCompile(`^\s*go-version: \d+\.\d+\.\d+$`)
	var actions, goVersions int
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.Contains(line, "uses:"):
			actions++
			if !pinnedAction.MatchString(line) {
				t.Errorf("%s: %q is not pinned to a commit SHA with its version in a comment", ciExamplePath, line)
			}
		case strings.Contains(line, "go-version"):
			goVersions++
			if !exactGo.MatchString(line) {
				t.Errorf("%s: %q is not an exact Go version", ciExamplePath, line)
			}
		}
	}
	if actions == 0 || goVersions != 1 {
		t.Errorf("%s has %d actions and %d go-version lines; want actions and one go-version", ciExamplePath, actions, goVersions)
	}
	build := strings.Join(readmeModuleTestBlocks(t)[0], "\n")
	if !regexp.MustCompile(`(?m)^atlasaccess_ref=\S+`).MatchString(build) ||
		!regexp.MustCompile(`(?m)^git clone \S+ "\$atlasaccess" && git -C "\$atlasaccess" .*checkout "\$atlasaccess_ref"$`).MatchString(build) {
		t.Errorf("the README's build block does not check out the provider at atlasaccess_ref:\n%s", build)
	}
}

// TestCIExample_READMECommandsPassAgainstTheExampleModule runs the README's
// blocks in bash, as a user would paste them, in a copy of
// examples/modules/project-access: everything but the clone and the build,
// whose binaries (the provider this package built, and atlassim) are put
// where the build would have put them. The module's terraform test files
// pass and the simulator the commands started is stopped by them.
func TestCIExample_READMECommandsPassAgainstTheExampleModule(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{}) // its terraform path, its environment and its skip against real Atlas
	blocks := readmeModuleTestBlocks(t)
	if len(blocks) != 2 {
		t.Fatalf("the README section has %d shell blocks; this test knows the two of build and test", len(blocks))
	}

	home := t.TempDir()
	bin := filepath.Join(home, "atlasaccess", "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "atlassim"), "../../cmd/atlassim")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building atlassim: %v\n%s", err, out)
	}
	provider, err := os.ReadFile(filepath.Join(pluginDir, "terraform-provider-atlasaccess"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "terraform-provider-atlasaccess"), provider, 0o755); err != nil {
		t.Fatal(err)
	}
	var script []string
	replaced := 0
	for _, line := range blocks[0] {
		switch {
		case strings.HasPrefix(line, "git clone "):
			replaced++
			continue // no network here; the directory exists
		case strings.HasPrefix(line, readmeBuildCommand):
			replaced++
			continue // built above
		}
		script = append(script, line)
	}
	if replaced != 2 {
		t.Fatalf("expected the build block to have one git clone line and one line starting %q; found %d of them", readmeBuildCommand, replaced)
	}
	module := filepath.Join(t.TempDir(), "project-access")
	copyTree(t, projectAccessPath, module)
	script = append(script, "cd "+shellQuote(module))
	script = append(script, blocks[1]...)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// A failing command leaves the simulator running; the trap stops it.
	cmd := exec.CommandContext(ctx, "bash", "-c", "set -eu\ntrap 'kill \"${atlassim_pid:-0}\" 2>/dev/null || true' EXIT\n"+strings.Join(script, "\n"))
	cmd.Env = append(filterEnv(w.env, "TF_CLI_CONFIG_FILE", "MONGODB_ATLAS_BASE_URL", "HOME", "PATH"),
		"HOME="+home, "PATH="+filepath.Dir(w.tfPath)+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's commands failed: %v\n%s", err, out)
	}
	expectOutput(t, "the README's commands", ansiEscape.ReplaceAllString(string(out), ""),
		[]string{`run "apply"... pass`, `run "atlas_matches_the_configuration"... pass`, `run "no_changes"... pass`, "Success! 3 passed, 0 failed."},
		[]string{"... fail", "Warning:"})
	rc, err := os.ReadFile(filepath.Join(bin, "terraformrc"))
	if err != nil || !strings.Contains(string(rc), fmt.Sprintf("%q", bin)) {
		t.Fatalf("the README's CLI configuration does not point at %s (err=%v):\n%s", bin, err, rc)
	}
}

// readmeModuleTestBlocks is the README section's ```sh blocks, each as its
// command lines.
func readmeModuleTestBlocks(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), readmeModuleTests+"\n")
	if !ok {
		t.Fatalf("README.md has no %q section", readmeModuleTests)
	}
	if i := strings.Index(section, "\n## "); i >= 0 {
		section = section[:i]
	}
	var blocks [][]string
	var cur []string
	in := false
	for _, line := range strings.Split(section, "\n") {
		switch {
		case !in && line == "```sh":
			in, cur = true, nil
		case in && line == "```":
			in = false
			blocks = append(blocks, commandLines(cur))
		case in:
			cur = append(cur, line)
		}
	}
	if in {
		t.Fatal("README section: a ```sh block is not closed")
	}
	return blocks
}

// workflowRunSteps is the `run: |` block scalars of a GitHub Actions
// workflow, each as its command lines. It reads the literal block style only:
// a run step written any other way fails the test, rather than being skipped.
func workflowRunSteps(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var steps [][]string
	var cur []string
	indent := -1 // indentation of the current block's lines, once its first line is read
	runIndent := 0
	inBlock := false
	flush := func() {
		steps = append(steps, commandLines(cur))
		cur, indent, inBlock = nil, -1, false
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimLeft(line, " ")
		lead := len(line) - len(trimmed)
		if inBlock {
			if trimmed == "" {
				cur = append(cur, "")
				continue
			}
			if indent == -1 && lead > runIndent {
				indent = lead
			}
			if indent != -1 && lead >= indent {
				cur = append(cur, line[indent:])
				continue
			}
			flush()
		}
		key := strings.TrimPrefix(trimmed, "- ")
		if strings.HasPrefix(key, "run:") {
			if strings.TrimSpace(strings.TrimPrefix(key, "run:")) != "|" {
				t.Fatalf("%s: %q: write run steps as literal blocks (run: |)", path, line)
			}
			inBlock, runIndent, indent = true, lead, -1
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if inBlock {
		flush()
	}
	return steps
}

// commandLines drops blank lines and whole-line comments, and the spaces at
// the ends of lines.
func commandLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ansiEscape matches the colour codes terraform writes when not told -no-color.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// shellQuote single-quotes s for bash.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
