package reply

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
)

// TestKinds checks the reply rules ignore posts that are not replies.
func TestKinds(t *testing.T) {
	rep, err := engine(t).Check(context.Background(), checker.Post{Text: "We will sue you. Call (415) 555-0199.", Kind: checker.KindPost})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Fatalf("reply rules ran on a post: %+v", rep.Findings)
	}
}

func TestOptions(t *testing.T) {
	rs, err := Rules(Options{
		LegalThreat:  LexiconOptions{Extra: []Term{{Phrase: "small claims court"}}},
		Competitor:   CompetitorOptions{Names: []string{"Brandix"}},
		PersonalData: PersonalDataOptions{BusinessEmails: []string{"northway.no"}, BusinessPhones: []string{"(415) 555-0100"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), checker.Post{Kind: checker.KindReply, ScheduledAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Text: "See you in small claims court. Brandix is a joke. Write to ola@northway.no or ring (415) 555-0100."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule+" "+f.Match)
	}
	slices.Sort(got)
	want := []string{"reply.competitor Brandix", "reply.legal_threat small claims court"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestLuhn(t *testing.T) {
	for ds, want := range map[string]bool{"4242424242424242": true, "4111111111111111": true, "378282246310005": true,
		"4111111111111112": false, "1234567812345678": false} {
		if luhn(ds) != want {
			t.Errorf("luhn(%s) = %v", ds, !want)
		}
	}
}

// TestGolden checks whole reports of the reply rules over testdata/replies.txt
// (one reply a line) against testdata/replies.golden; -update rewrites it.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "replies.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rep := check(t, line)
		fmt.Fprintf(&b, "%s\n  verdict=%s score=%d\n", line, rep.Verdict, rep.Score)
		for _, f := range rep.Findings {
			fmt.Fprintf(&b, "  %s %s [%d:%d] %q: %s | %s\n", f.Rule, f.Severity, *f.Start, *f.End, f.Match, f.Message, f.Suggestion)
		}
	}
	golden.Check(t, filepath.Join("testdata", "replies.golden"), b.String())
}

// FuzzReply runs every reply rule over arbitrary text and checks the
// findings' invariants: spans in bounds, matches equal to the span's text,
// known severities, a suggestion on every finding.
func FuzzReply(f *testing.F) {
	for _, s := range []string{"Thanks Dana, your card ending 4242 was refunded and we texted (415) 555-0199.",
		"we will sue you for libel", "Email a@b.co, 4111 1111 1111 1111, 221B Baker Street, order #123456",
		"Unlike Southgate lol", "@115712 ring 0344 556 5650", "Storgata 5, +47 412 34 567", "ÆØÅ 12 Ærlig Street", "\u202e@1",
		"Thanks for the lesson. It's our page, we set the rules. Feel free to unfollow 😘", "Sorry! Why not try our new range, babe",
		"FYI, Tamil is our national language, so everyone should know Tamil", "Delete this tweet or we will be forced to take further steps",
		"We have explained this three times. Everyone else manages; the problem is you. Du bør lære deg norsk",
		"CPF 786.179.640-06, DE89 3704 0044 0532 0130 00, Aadhaar 6710 7164 6929, NIE Z3318986E, SSN 101-33-2480",
		"Rua das Flores 120, apto 42; calle Mayor 5, 3º B; 12 rue de la Paix; Hauptstraße 5; via Roma 10, int. 5",
		"Fecha de nacimiento: 3 de mayo de 1990, (11) 91234-5678, 06 12 34 56 78, マイナンバー 1234 5678 9018",
		"Nos avocats vont vous contacter. Sigue así y te bloquearemos. Lay off the snacks 😂 Boo hoo, your highness"} {
		f.Add(s)
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, txt string) {
		if !utf8.ValidString(txt) || strings.TrimSpace(txt) == "" {
			return
		}
		rep, err := e.Check(context.Background(), checker.Post{Text: txt, Kind: checker.KindReply})
		if err != nil {
			return
		}
		if len(rep.Skipped) > 0 {
			t.Fatalf("a rule failed: %+v", rep.Skipped)
		}
		rs := []rune(txt)
		for _, fd := range rep.Findings {
			if fd.Severity < checker.SeverityLow || fd.Severity > checker.SeverityCritical || fd.Suggestion == "" {
				t.Fatalf("bad finding %+v", fd)
			}
			if *fd.Start < 0 || *fd.End > len(rs) || *fd.Start >= *fd.End {
				t.Fatalf("span [%d:%d] out of bounds of %q", *fd.Start, *fd.End, txt)
			}
			if got := string(rs[*fd.Start:*fd.End]); got != fd.Match {
				t.Fatalf("match %q is not the span's text %q", fd.Match, got)
			}
		}
	})
}

// BenchmarkReply checks a 280-character reply with every reply rule.
func BenchmarkReply(b *testing.B) {
	e := engine(b)
	p := checker.Post{Kind: checker.KindReply, ScheduledAt: time.Date(2026, 1, 21, 15, 0, 0, 0, time.UTC),
		Text: "@northwaycare Hi Dana, we're really sorry your parcel arrived damaged and that the replacement took so long. " +
			"We've refunded the shipping and a new one is on its way today. Please send us a DM with your order number " +
			"and we'll keep an eye on it for you. Thanks for your patience! ^JM"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Check(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOptionsYAML checks the options read from preflight.yaml's reply
// section.
func TestOptionsYAML(t *testing.T) {
	var o Options
	src := `
legal_threat:
  extra: [{phrase: small claims court}]
competitor:
  names: [Brandix]
  allow: [the competition]
personal_data:
  business_emails: [northway.no]
  business_phones: ["(415) 555-0100"]
`
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true) // as config decodes preflight.yaml
	if err := dec.Decode(&o); err != nil {
		t.Fatal(err)
	}
	if o.LegalThreat.Extra[0].Phrase != "small claims court" || o.Competitor.Names[0] != "Brandix" ||
		o.Competitor.Allow[0] != "the competition" || o.PersonalData.BusinessEmails[0] != "northway.no" {
		t.Fatalf("decoded %+v", o)
	}
	if _, err := Rules(o); err != nil {
		t.Fatal(err)
	}
}
