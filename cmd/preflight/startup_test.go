package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startupChildEnv, when set to a data folder, makes the test binary run a
// one-post `preflight check --no-news` in that folder and exit, as the
// preflight binary would: BenchmarkStartup's child process.
const startupChildEnv = "PREFLIGHT_STARTUP_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(startupChildEnv); dir != "" {
		err := run(context.Background(), []string{"check", "--no-news", "--data", dir, "--at", "2026-03-01T10:00:00Z"},
			os.Stdin, io.Discard, os.Stderr)
		os.Exit(exitCode(err, os.Stderr))
	}
	os.Exit(m.Run())
}

// BenchmarkStartup measures a one-post CLI check without news as a fresh
// process each time, which is what start-up costs: every rule built,
// every table a post needs loaded, the post checked and printed. Lazily
// loaded data cannot hide in a loop here. cpu-ns/op is the child's user
// and system CPU (issue 15's goal: 40 ms), peak-MB its largest resident
// set (goal: 30 MB); the test binary is somewhat larger than preflight's.
func BenchmarkStartup(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	// The children run a copy of the test binary dropped from the page
	// cache (this process maps the test binary itself, whose pages cannot
	// be dropped): a binary just written has its pages mapped more
	// generously than an installed preflight's (dropFromPageCache).
	exe, err = copyExecutable(exe, filepath.Join(dir, "preflight-startup"))
	if err != nil {
		b.Fatal(err)
	}
	if err := dropFromPageCache(exe); err != nil {
		b.Logf("peak-MB may be high: %v", err)
	}
	var cpu time.Duration
	var peak int64
	for b.Loop() {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), startupChildEnv+"="+dir)
		cmd.Stdin = strings.NewReader("Big sale today on our new shoes\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		ps := cmd.ProcessState
		cpu += ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss)
		}
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(peak)/1024, "peak-MB")
}

// copyExecutable copies the executable src to dst.
func copyExecutable(src, dst string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return "", err
	}
	return dst, out.Close()
}

// TestCheckRestoresCollector: the collector settings a check changes for
// its start-up and its batch are the process's again when it returns, for
// one post and for a batch.
func TestCheckRestoresCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	pct := debug.SetGCPercent(77)
	limit := debug.SetMemoryLimit(1 << 40)
	defer func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}()
	dir := t.TempDir()
	for _, in := range []string{"Big sale today on our new shoes\n", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{\"text\": \"three\"}\n"} {
		args := []string{"check", "--no-news", "--data", dir, "--at", "2026-03-01T10:00:00Z", "-"}
		if strings.HasPrefix(in, "{") {
			args = append(args[:len(args)-1], "--input", "jsonl", "-")
		}
		if err := run(context.Background(), args, strings.NewReader(in), io.Discard, io.Discard); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		if got := debug.SetGCPercent(77); got != 77 {
			t.Errorf("%q: GC percent %d after the check, want 77", in, got)
		}
		if got := debug.SetMemoryLimit(-1); got != 1<<40 {
			t.Errorf("%q: memory limit %d after the check, want %d", in, got, int64(1<<40))
		}
	}
}

// serve runs the collector at serveGCPercent unless GOGC says otherwise,
// and gives the previous setting back when it stops.
func TestServeCollector(t *testing.T) {
	prev := debug.SetGCPercent(77)
	defer debug.SetGCPercent(prev)
	t.Setenv("GOGC", "")
	restore := serveCollector()
	if got := debug.SetGCPercent(serveGCPercent); got != serveGCPercent {
		t.Errorf("serve's collector target %d, want %d", got, serveGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(77); got != 77 {
		t.Errorf("after serve the target is %d, want 77 back", got)
	}
	t.Setenv("GOGC", "150")
	serveCollector()()
	if got := debug.SetGCPercent(77); got != 77 {
		t.Errorf("GOGC set: serve changed the target to %d", got)
	}
}
