package content

import (
	"context"
	"sort"
	"strings"
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
	e, err := checker.New(checker.Config{Rules: rs, Now: func() time.Time { return time.Date(2026, 1, 20, 15, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	testEngine = e
	return e
}

// check runs the content rules over a post and returns its report.
func check(t testing.TB, p checker.Post) checker.Report {
	t.Helper()
	rep, err := engine(t).Check(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// summary renders findings one per line: "rule severity field[start:end] match".
func summary(fs []checker.Finding) []string {
	var out []string
	for _, f := range fs {
		s := f.Rule + " " + f.Severity.String()
		if f.HasSpan() {
			field := f.Field
			if field == "" {
				field = "text"
			}
			s += " " + field + "[" + itoa(*f.Start) + ":" + itoa(*f.End) + "] " + f.Match
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b []byte
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func TestSmoke(t *testing.T) {
	for _, s := range strings.Split(`Our new menu is damn good and the shit-hot wings are back.
Which drummer is not like the others?
This is bullshit and fucking great
Visit Scunthorpe, Essex, Sussex, Middlesex, Middlesbrough, Penistone. Cocktail shiitake analytics therapist classic assess grape bass hello
Come inside and bend over backwards for deals
Get laid this weekend 😉 come inside
I'm so drunk lol #gottadrink
Obama's gma even knew it was going 2 b bad! She died 3 days b4 he became president
Vote for Trump! #MAGA #BringBackOurCountry
Teh best recieve ever, ihvertfall idag
Bomb deals lol 😂 the shooting was crazy
Our blacklist is so OCD, people commit suicide
Faen, dette er jævla bra. Stem Høyre! Til høyre ser du Storgata.`, "\n") {
		rep := check(t, checker.Post{Text: s, Media: []checker.Media{{Alt: "Two black men in drummer costumes beside a person in a gorilla suit playing drums"}}})
		t.Logf("%s\n  %s %v", s, rep.Verdict, strings.Join(summary(rep.Findings), "\n  "))
	}
}
