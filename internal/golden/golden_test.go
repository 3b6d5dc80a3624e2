package golden

import (
	"path/filepath"
	"testing"
)

type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "testdata", "x.golden")
	*update = true
	Check(t, path, "a\nb\n")
	*update = false
	r := &recorder{TB: t}
	Check(r, path, "a\nb\n")
	if r.failed {
		t.Error("equal output reported as different")
	}
	Check(r, path, "a\nc\n")
	if !r.failed {
		t.Error("different output not reported")
	}
	r = &recorder{TB: t}
	Check(r, filepath.Join(t.TempDir(), "missing.golden"), "x")
	if !r.failed {
		t.Error("missing golden file not reported")
	}
}
