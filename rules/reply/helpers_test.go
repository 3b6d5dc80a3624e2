package reply

import (
	"context"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

var testEngine *checker.Engine

func engine(t testing.TB) *checker.Engine {
	t.Helper()
	if testEngine != nil {
		return testEngine
	}
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs,
		Profile: checker.Profile{Brand: "Northway", Competitors: []string{"Southgate", "Acme Mobile"}},
		Now:     func() time.Time { return time.Date(2026, 1, 21, 15, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	testEngine = e
	return e
}

// check runs the reply rules over a reply and returns its report.
func check(t testing.TB, text string) checker.Report {
	t.Helper()
	rep, err := engine(t).Check(context.Background(), checker.Post{Text: text, Kind: checker.KindReply})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
