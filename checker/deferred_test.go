package checker_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// Deferred rules are built on the first run of any of them, once, and
// only when a post reaches one: a reply rule in a check of posts is never
// built. A build that does not match the descriptions fails the rules
// (reported as skipped) instead of running the wrong one.
func TestDeferred(t *testing.T) {
	builds := 0
	describe := func() []*checker.Rule {
		return []*checker.Rule{wordRule("content.sale", "sale", checker.SeverityLow), wordRule("reply.sorry", "sorry", checker.SeverityHigh)}
	}
	described := describe()
	described[1].Kinds = []checker.Kind{checker.KindReply}
	rs := checker.Deferred(described, func() ([]*checker.Rule, error) {
		builds++
		return describe(), nil
	})
	e, err := checker.New(checker.Config{Rules: rs[1:], Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Check(context.Background(), checker.Post{Text: "sorry, no sale"}); err != nil {
		t.Fatal(err)
	}
	if builds != 0 {
		t.Fatalf("a post that no rule reaches built the rules %d times", builds)
	}
	e, err = checker.New(checker.Config{Rules: rs, Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		rep, err := e.Check(context.Background(), checker.Post{Text: "sorry, no sale", Kind: checker.KindReply})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) != 2 || rep.Findings[0].Rule != "reply.sorry" || rep.Findings[1].Rule != "content.sale" {
			t.Fatalf("findings %+v, want reply.sorry and content.sale", rep.Findings)
		}
	}
	if builds != 1 {
		t.Errorf("built %d times, want once", builds)
	}

	wrong := checker.Deferred(describe(), func() ([]*checker.Rule, error) {
		rs := describe()
		return []*checker.Rule{rs[1], rs[0]}, nil
	})
	e, err = checker.New(checker.Config{Rules: wrong, Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), checker.Post{Text: "sorry, no sale", Kind: checker.KindReply})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || len(rep.Skipped) != 2 || !strings.Contains(rep.Skipped[0].Reason, "described") {
		t.Errorf("a build out of order: findings %+v, skipped %+v; want both rules skipped, saying why", rep.Findings, rep.Skipped)
	}
}
