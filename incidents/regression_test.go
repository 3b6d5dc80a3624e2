package incidents_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/incidents"
	"github.com/preflight-dev/preflight/internal/golden"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/rules"
)

const goldenPath = "testdata/outcomes.golden"

// world is the engine's parts as cmd/preflight wires them from an empty
// data folder (defaults of preflight.yaml): every built-in rule, the
// calendar without company days; the news index is made per case.
type world struct {
	cfg   *config.File
	rules []*checker.Rule
	cal   *calendars.Calendar
}

func newWorld(t *testing.T) *world {
	t.Helper()
	cfg, err := config.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rules.All(cfg.Options)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := calendars.New(calendars.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &world{cfg: cfg, rules: rs, cal: cal}
}

// check runs one case through the full engine with an in-memory news index
// holding exactly the case's news.
func (w *world) check(ctx context.Context, c incidents.Case) (checker.Report, error) {
	idx, err := news.OpenMem(news.Options{Retention: -1, Now: testIngestClock})
	if err != nil {
		return checker.Report{}, err
	}
	defer idx.Close()
	if len(c.News) > 0 {
		st, err := idx.Add(ctx, c.News)
		if err != nil {
			return checker.Report{}, err
		}
		if st.Added != len(c.News) {
			return checker.Report{}, fmt.Errorf("news index took %d of %d articles (%+v)", st.Added, len(c.News), st)
		}
	}
	e, err := checker.New(checker.Config{Rules: w.rules, Profile: w.cfg.Profile, Calendar: w.cal, News: idx})
	if err != nil {
		return checker.Report{}, err
	}
	return e.Check(ctx, c.Post)
}

// outcome is one case's result as the golden file records it.
type outcome struct {
	c      incidents.Case
	rep    checker.Report
	caught bool // incident/transfer: flagged with a finding of the mechanism's kind
	passed bool // control: verdict pass
}

func (o outcome) ok() bool {
	if o.c.Role == incidents.RoleControl {
		return o.passed
	}
	return o.caught
}

func (o outcome) line() string {
	status := "miss"
	switch {
	case o.c.Role == incidents.RoleControl && o.passed:
		status = "pass"
	case o.c.Role == incidents.RoleControl:
		status = "FLAGGED"
	case o.caught:
		status = "caught"
	}
	ids := map[string]bool{}
	for _, f := range o.rep.Findings {
		ids[f.Rule] = true
	}
	rs := make([]string, 0, len(ids))
	for id := range ids {
		rs = append(rs, id)
	}
	sort.Strings(rs)
	if len(rs) == 0 {
		rs = []string{"-"}
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s\t%s", o.c.ID, o.c.Mechanism, o.rep.Verdict, status, strings.Join(rs, ","))
}

// TestIncidents runs every incident, control and transfer of the library
// through the engine, prints a table per mechanism, and compares each
// case's outcome with testdata/outcomes.golden: a regression fails, an
// improvement shows as a diff to accept with -update. Whatever the golden
// says, the control of a caught incident must pass: catching a post that is
// also flagged on a quiet day proves nothing.
func TestIncidents(t *testing.T) {
	lib, err := incidents.Default()
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t)
	ctx := context.Background()
	var outs []outcome
	byID := map[string]*outcome{}
	for _, c := range lib.Cases() {
		rep, err := w.check(ctx, c)
		if err != nil {
			t.Fatalf("%s (%s:%d): %v", c.ID, c.Incident.File, c.Incident.Line, err)
		}
		m, _ := lib.Mechanism(c.Mechanism)
		o := outcome{c: c, rep: rep, caught: incidents.Caught(m, rep), passed: rep.Verdict == checker.VerdictPass}
		outs = append(outs, o)
	}
	for i := range outs {
		byID[outs[i].c.ID] = &outs[i]
	}

	for _, o := range outs {
		if o.c.Role != incidents.RoleIncident || !o.caught {
			continue
		}
		if ctl := byID[o.c.ID+"/control"]; ctl != nil && !ctl.passed {
			t.Errorf("%s (%s:%d): the incident is caught but its control is not passed (%s: %s)",
				o.c.ID, o.c.Incident.File, o.c.Incident.Line, ctl.rep.Verdict, ruleList(ctl.rep))
		}
	}

	t.Log("\n" + summary(lib, outs))

	var b strings.Builder
	b.WriteString("# case\tmechanism\tverdict\tstatus\trules (rewrite with go test ./incidents -run TestIncidents -update; review the diff)\n")
	for _, o := range outs {
		b.WriteString(o.line() + "\n")
	}
	got := b.String()
	if golden.Updating() {
		if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	compareGolden(t, string(want), outs)
}

func ruleList(rep checker.Report) string {
	var rs []string
	for _, f := range rep.Findings {
		rs = append(rs, f.Rule)
	}
	return strings.Join(rs, ",")
}

// compareGolden fails on regressions (a case that was caught or passed and
// no longer is) and reports improvements and other changes as a diff to
// accept with -update.
func compareGolden(t *testing.T, want string, outs []outcome) {
	t.Helper()
	regressions, changed := diffOutcomes(want, outs)
	for _, r := range regressions {
		t.Error(r)
	}
	if len(changed) > 0 {
		t.Errorf("outcomes differ from %s (improvements or changed findings; review and accept with -update):\n%s",
			filepath.ToSlash(goldenPath), strings.Join(changed, "\n"))
	}
}

// diffOutcomes compares the golden text with this run: regressions are
// cases recorded as caught (or passed) that are no longer; changed are all
// other differences, sorted.
func diffOutcomes(want string, outs []outcome) (regressions, changed []string) {
	wantLines := map[string]string{}
	for _, l := range strings.Split(want, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		id, _, _ := strings.Cut(l, "\t")
		wantLines[id] = l
	}
	for _, o := range outs {
		got := o.line()
		w, ok := wantLines[o.c.ID]
		delete(wantLines, o.c.ID)
		if !ok {
			changed = append(changed, "+ "+got+"   (new case)")
			continue
		}
		if w == got {
			continue
		}
		wasOK := strings.Contains(w, "\tcaught\t") || strings.Contains(w, "\tpass\t")
		if wasOK && !o.ok() {
			where := o.c.ID
			if o.c.Incident != nil {
				where = fmt.Sprintf("%s (%s:%d)", o.c.ID, o.c.Incident.File, o.c.Incident.Line)
			}
			regressions = append(regressions, fmt.Sprintf("regression: %s\n  was: %s\n  now: %s", where, w, got))
			continue
		}
		changed = append(changed, "- "+w+"\n+ "+got)
	}
	for _, w := range wantLines {
		changed = append(changed, "- "+w+"   (case removed)")
	}
	sort.Strings(changed)
	return regressions, changed
}

// summary prints, per mechanism: incidents caught, ideal verdict matched,
// controls passed, transfers caught.
func summary(lib *incidents.Library, outs []outcome) string {
	type row struct{ n, caught, ideal, ctl, ctlPass, tr, trCaught int }
	rows := map[string]*row{}
	var total row
	for _, o := range outs {
		r := rows[o.c.Mechanism]
		if r == nil {
			r = &row{}
			rows[o.c.Mechanism] = r
		}
		for _, x := range []*row{r, &total} {
			switch o.c.Role {
			case incidents.RoleIncident:
				x.n++
				if o.caught {
					x.caught++
				}
				if o.rep.Verdict == o.c.Incident.Verdict {
					x.ideal++
				}
			case incidents.RoleControl:
				x.ctl++
				if o.passed {
					x.ctlPass++
				}
			case incidents.RoleTransfer:
				x.tr++
				if o.caught {
					x.trCaught++
				}
			}
		}
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "mechanism\tincidents\tcaught\tideal verdict\tcontrols passed\ttransfers caught\t")
	line := func(name string, r *row) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d/%d\t%d/%d\t\n", name, r.n, r.caught, r.ideal, r.ctlPass, r.ctl, r.trCaught, r.tr)
	}
	for _, m := range lib.Mechanisms {
		if r := rows[m.ID]; r != nil {
			line(m.ID, r)
		}
	}
	line("total", &total)
	tw.Flush()
	return b.String()
}

// TestDiffOutcomes checks the golden comparison itself: a caught case that
// is missed now is a regression, a miss that is caught now is a change to
// review, and new or removed cases are changes.
func TestDiffOutcomes(t *testing.T) {
	mk := func(id string, role incidents.Role, verdict checker.Verdict, caught bool) outcome {
		return outcome{c: incidents.Case{ID: id, Role: role, Mechanism: "names-place"}, rep: checker.Report{Verdict: verdict},
			caught: caught, passed: verdict == checker.VerdictPass}
	}
	was := []outcome{
		mk("a", incidents.RoleIncident, checker.VerdictBlock, true),
		mk("a/control", incidents.RoleControl, checker.VerdictPass, false),
		mk("b", incidents.RoleIncident, checker.VerdictPass, false),
		mk("gone", incidents.RoleIncident, checker.VerdictPass, false),
	}
	var golden strings.Builder
	for _, o := range was {
		golden.WriteString(o.line() + "\n")
	}
	now := []outcome{
		mk("a", incidents.RoleIncident, checker.VerdictPass, false),          // regression
		mk("a/control", incidents.RoleControl, checker.VerdictReview, false), // regression
		mk("b", incidents.RoleIncident, checker.VerdictReview, true),         // improvement
		mk("new", incidents.RoleIncident, checker.VerdictPass, false),        // new case
	}
	reg, changed := diffOutcomes(golden.String(), now)
	if len(reg) != 2 || !strings.Contains(reg[0], "regression: a\n") || !strings.Contains(reg[1], "regression: a/control") {
		t.Errorf("regressions %q", reg)
	}
	if len(changed) != 3 {
		t.Fatalf("changes %q", changed)
	}
	for _, want := range []string{"+ b\t", "(new case)", "(case removed)"} {
		found := false
		for _, c := range changed {
			found = found || strings.Contains(c, want)
		}
		if !found {
			t.Errorf("no change mentions %q in %q", want, changed)
		}
	}
	if reg, changed := diffOutcomes(golden.String(), was); len(reg)+len(changed) != 0 {
		t.Errorf("same outcomes differ: %q %q", reg, changed)
	}
}

// testIngestClock is the test indexes' ingestion clock: a fixed time after
// every test article (dated up to 2031), never the wall clock, so no test
// news is clamped as "from the future" and no test depends on today.
func testIngestClock() time.Time { return time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC) }
