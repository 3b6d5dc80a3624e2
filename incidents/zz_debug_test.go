package incidents_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/incidents"
)

func TestZZDebug(t *testing.T) {
	want := os.Getenv("CASES")
	if want == "" {
		t.Skip()
	}
	lib, err := incidents.Default()
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t)
	for _, c := range lib.Cases() {
		hit := false
		for _, p := range strings.Split(want, ",") {
			if strings.HasPrefix(c.ID, p) {
				hit = true
			}
		}
		if !hit {
			continue
		}
		rep, err := w.check(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.MarshalIndent(rep.Findings, "", " ")
		t.Logf("%s: %s %v\n%s", c.ID, rep.Verdict, rep.Score, b)
	}
}
