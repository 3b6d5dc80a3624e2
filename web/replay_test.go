package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/queue"
)

// TestReplayRoute: POST /v1/audit/{seq}/replay answers the service's
// replay (as openapi.json says), 404 for an unknown record, 409 for one
// that cannot be replayed, 400 for a seq that is not a number, and 503
// when the service has no replay.
func TestReplayRoute(t *testing.T) {
	doc := loadOpenAPI(t)
	replay := func(_ context.Context, seq int64) (queue.ReplayResult, error) {
		switch seq {
		case 1:
			rec := queue.AuditRecord{Seq: 1, At: testNow, PostID: "p1", Trigger: "add", Verdict: checker.VerdictPass, Status: queue.StatusClear, TextHash: "ab"}
			return queue.ReplayResult{Record: rec, Report: checker.Report{Verdict: checker.VerdictPass, Findings: []checker.Finding{}}, Verdict: checker.VerdictPass, Same: true}, nil
		case 2:
			return queue.ReplayResult{}, &checker.Error{Code: checker.ECodeConflict, Field: "seq", Message: "audit record 2 kept no post text"}
		}
		return queue.ReplayResult{}, fmt.Errorf("%w: no audit record %d", queue.ErrNotFound, seq)
	}
	s := hookServer(t, withQueue(t, nil), func(d *Deps) { d.Replay = replay })
	resp, b := do(t, s, httptest.NewRequest("POST", "/v1/audit/1/replay", nil))
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"same":true`) {
		t.Fatalf("replay 1: %d %s", resp.StatusCode, b)
	}
	validateAs(t, doc, "#/components/schemas/ReplayResult", b)
	for path, want := range map[string]int{"/v1/audit/2/replay": 409, "/v1/audit/9/replay": 404, "/v1/audit/x/replay": 400, "/v1/audit/0/replay": 400} {
		if resp, b := do(t, s, httptest.NewRequest("POST", path, nil)); resp.StatusCode != want {
			t.Errorf("%s: %d %s, want %d", path, resp.StatusCode, b, want)
		}
	}
	without := hookServer(t, withQueue(t, nil))
	if resp, b := do(t, without, httptest.NewRequest("POST", "/v1/audit/1/replay", nil)); resp.StatusCode != 503 {
		t.Errorf("without a replay: %d %s", resp.StatusCode, b)
	}
}
