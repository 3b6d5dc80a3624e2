package incidents_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/postio"
)

// heldOutDir holds evaluation sets in the shared evaluation format
// (posts.jsonl with an "expect" object per post, news.jsonl), one folder a
// set. They were written by people who had not read the rules and measured
// before anyone tuned on them; the figures at that moment are in each
// folder's README. Kept here as regression cases.
const heldOutDir = "testdata/heldout"

// expectation is a post's "expect" object, as evaluate.py reads it.
type expectation struct {
	Verdict string  `json:"verdict"` // flag, pass or notblock
	Why     *string `json:"why"`     // the category a right finding has
	Ideal   string  `json:"ideal"`
}

type heldOutPost struct {
	post   checker.Post
	expect expectation
	line   int
}

// heldOutOutcome is one post's result as the set's golden records it.
type heldOutOutcome struct {
	id, expect, verdict, cats string
	good                      bool // caught for the right reason, or a control or benign post right
}

func (o heldOutOutcome) row() string {
	status := "ok"
	if !o.good {
		status = "wrong"
	}
	return strings.Join([]string{o.id, o.expect, o.verdict, status, o.cats}, "\t")
}

func readHeldOutPosts(t *testing.T, path string) []heldOutPost {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []heldOutPost
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(line, &raw); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		var e expectation
		if err := json.Unmarshal(raw["expect"], &e); err != nil {
			t.Fatalf("%s:%d: expect: %v", path, n, err)
		}
		delete(raw, "expect")
		body, err := json.Marshal(raw)
		if err != nil {
			t.Fatal(err)
		}
		p, err := postio.DecodePost(body)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		// Without a scheduled time the engine would judge the post as of
		// the wall clock, and the golden would depend on today's date.
		if p.ScheduledAt.IsZero() || p.ID == "" || ids[p.ID] {
			t.Fatalf("%s:%d: want a unique id and a scheduled_at (id %q)", path, n, p.ID)
		}
		ids[p.ID] = true
		out = append(out, heldOutPost{post: p, expect: e, line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// judge scores one report as evaluate.py does: a "flag" post is good when
// flagged with a finding of the expected category (content also accepts
// reply); a control ("ctl-") or benign post when its verdict is what it
// expects.
func judge(p heldOutPost, rep checker.Report) heldOutOutcome {
	cats := map[string]bool{}
	var names []string
	for _, f := range rep.Findings {
		c := string(f.Category)
		if c != "" && !cats[c] {
			cats[c] = true
			names = append(names, c)
		}
	}
	sort.Strings(names)
	why := ""
	if p.expect.Why != nil {
		why = *p.expect.Why
	}
	v := string(rep.Verdict)
	flagged := rep.Verdict != checker.VerdictPass
	o := heldOutOutcome{id: p.post.ID, expect: fmt.Sprintf("%s/%s/%s", p.expect.Verdict, orNone(why), p.expect.Ideal),
		verdict: v, cats: orNone(strings.Join(names, ","))}
	switch p.expect.Verdict {
	case "flag":
		o.good = flagged && (cats[why] || why == "content" && cats["reply"])
	case "notblock":
		o.good = rep.Verdict != checker.VerdictBlock
	default:
		o.good = !flagged
	}
	return o
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// TestHeldOutSets checks every post of every held-out set through the
// engine as the CLI wires it (one news index a set, holding the set's
// news), prints the evaluate.py figures per set, and compares each post's
// outcome with the set's outcomes.golden: a post that was right and is no
// longer fails; any other change fails with a diff to review and accept
// with -update.
func TestHeldOutSets(t *testing.T) {
	if testing.Short() {
		t.Skip("checks every held-out post")
	}
	dirs, err := filepath.Glob(filepath.Join(heldOutDir, "*", "posts.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatalf("no held-out sets under %s", heldOutDir)
	}
	w := newWorld(t)
	ctx := context.Background()
	for _, postsPath := range dirs {
		dir := filepath.Dir(postsPath)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			posts := readHeldOutPosts(t, postsPath)
			nf, err := os.Open(filepath.Join(dir, "news.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			arts, problems, _, err := news.Read(nf)
			nf.Close()
			if err != nil || len(problems) > 0 {
				t.Fatalf("news.jsonl: %v %v", err, problems)
			}
			e, done, err := w.engine(ctx, arts)
			if err != nil {
				t.Fatal(err)
			}
			defer done()
			var outs []heldOutOutcome
			var flagRight, flagN, ideal, ctlRight, ctlN, benignWrong, benignN int
			for _, p := range posts {
				rep, err := e.Check(ctx, p.post)
				if err != nil {
					t.Fatalf("posts.jsonl:%d (%s): %v", p.line, p.post.ID, err)
				}
				o := judge(p, rep)
				outs = append(outs, o)
				switch {
				case p.expect.Verdict == "flag":
					flagN++
					if o.good {
						flagRight++
					}
					if string(rep.Verdict) == p.expect.Ideal {
						ideal++
					}
				case strings.HasPrefix(p.post.ID, "ctl-"):
					ctlN++
					if o.good {
						ctlRight++
					}
				default:
					benignN++
					if !o.good {
						benignWrong++
					}
				}
			}
			t.Logf("%s: caught for the right reason %d/%d, ideal verdict %d/%d, controls %d/%d, benign flagged %d/%d",
				filepath.Base(dir), flagRight, flagN, ideal, flagN, ctlRight, ctlN, benignWrong, benignN)
			compareHeldOut(t, filepath.Join(dir, "outcomes.golden"), outs)
		})
	}
}

// compareHeldOut compares outcomes with a set's golden: a post right in
// the golden and wrong now is a regression; any other difference asks for
// a review and -update.
func compareHeldOut(t *testing.T, path string, outs []heldOutOutcome) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# id\texpect (verdict/why/ideal)\tgot\tstatus\tcategories (rewrite with go test ./incidents -run TestHeldOutSets -update; review the diff)\n")
	for _, o := range outs {
		b.WriteString(o.row() + "\n")
	}
	if golden.Updating() {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	was := map[string]string{}
	for _, l := range strings.Split(string(want), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		id, _, _ := strings.Cut(l, "\t")
		if strings.Count(l, "\t") < 4 {
			t.Fatalf("%s: %q: want id, expect, got, status and categories separated by tabs", path, l)
		}
		was[id] = l
	}
	var changed []string
	for _, o := range outs {
		old, ok := was[o.id]
		delete(was, o.id)
		if ok && strings.Split(old, "\t")[3] == "ok" && !o.good {
			t.Errorf("regression: %s\n  was: %s\n  now: %s", o.id, old, o.row())
			continue
		}
		if old != o.row() {
			changed = append(changed, fmt.Sprintf("- %s\n+ %s", old, o.row()))
		}
	}
	// A post of the golden no longer in the set is a change too.
	for _, old := range was {
		changed = append(changed, "- "+old)
	}
	sort.Strings(changed[len(changed)-len(was):])
	if len(changed) > 0 {
		t.Errorf("outcomes differ from %s (review and accept with -update):\n%s", path, strings.Join(changed, "\n"))
	}
}
