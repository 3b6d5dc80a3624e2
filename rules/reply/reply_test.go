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

type ruleCase struct {
	text string
	want []string // "severity match"
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		rep := check(t, c.text)
		var got []string
		for _, f := range rep.Findings {
			if f.Rule == rule {
				got = append(got, f.Severity.String()+" "+f.Match)
				if f.Suggestion == "" {
					t.Errorf("%s on %q: finding without a suggestion", rule, c.text)
				}
			}
		}
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s on %q:\n got  %q\n want %q", rule, c.text, got, want)
		}
	}
}

func TestLegalThreat(t *testing.T) {
	runRuleCases(t, "reply.legal_threat", []ruleCase{
		{"If you don't take that post down we will sue you for libel.", []string{"critical sue you", "critical libel"}},
		{"Our lawyers will be in touch.", []string{"critical lawyers"}},
		{"This is defamation and we are considering legal action.", []string{"critical defamation", "critical legal action"}},
		{"Consider this a cease and desist. See you in court.", []string{"critical cease and desist", "critical See you in court"}},
		{"Vi vurderer søksmål, advokaten vår tar kontakt.", []string{"critical søksmål", "critical advokaten vår"}},
		// Near misses.
		{"Thanks Sue, we've passed this on to the team.", nil},
		{"Sorry for the wait! Your refund is on its way.", nil},
		{"Sue's order has shipped.", nil},
	})
}

func TestPersonalAttack(t *testing.T) {
	runRuleCases(t, "reply.personal_attack", []ruleCase{
		{"If you had read the manual you would know.", []string{"high If you had read the manual"}},
		{"Calm down, it's just a burger.", []string{"high Calm down"}},
		{"Obviously you didn't plug it in.", []string{"high Obviously you"}},
		{"You clearly didn't read the FAQ. Did you even try?", []string{"high You clearly didn't", "high Did you even"}},
		{"Learn to read, idiot.", []string{"high Learn to read", "high idiot"}},
		{"That's a stupid question, you know the answer.", []string{"high stupid"}},
		{"Roe deg ned, det er ikke vårt problem.", []string{"high Roe deg ned", "high ikke vårt problem"}},
		// Near misses.
		{"There are no stupid questions! Happy to help.", nil},
		{"Please read the instructions here: https://example.com/help and DM us if it still fails.", nil},
		{"Clearly something went wrong on our side; sorry!", nil},
		{"Sorry, that was a stupid mistake on our part.", nil},
		{"Sorry for the stupid delay, we'll get your order to you tomorrow.", nil},
		{"You clown.", []string{"high clown"}},
	})
}

func TestArgue(t *testing.T) {
	runRuleCases(t, "reply.argue", []ruleCase{
		{"You're wrong, that never happened.", []string{"medium You're wrong", "medium that never happened"}},
		{"That's not true. Actually, you were refunded.", []string{"medium That's not true", "medium Actually, you"}},
		{"Det stemmer ikke, du tar feil.", []string{"medium Det stemmer ikke", "medium du tar feil"}},
		{"That's simply untrue; you're confused.", []string{"medium simply untrue", "medium you're confused"}},
		// Near misses.
		{"Actually, you can return it in any store!", nil},
		{"Sorry, something went wrong. We're on it.", nil},
		{"That's true, and we're sorry.", nil},
	})
}

func TestBlame(t *testing.T) {
	runRuleCases(t, "reply.blame", []ruleCase{
		{"That's user error, you should have read the guide.", []string{"medium user error", "medium you should have read"}},
		{"It's your own fault for ordering late.", []string{"medium your own fault"}},
		{"Det er brukerfeil.", []string{"medium brukerfeil"}},
		{"It broke because you didn't charge it. You're doing it wrong.", []string{"medium because you didn't", "medium You're doing it wrong"}},
		// Near misses.
		{"You should have received an email with the tracking link.", nil},
		{"You shouldn't have received that notice; sorry!", nil},
		{"You should have it by Friday.", nil},
	})
}

func TestCompetitor(t *testing.T) {
	runRuleCases(t, "reply.competitor", []ruleCase{
		{"Unlike Southgate, we answer our customers lol", []string{"medium Southgate"}},
		{"At least we're not Acme Mobile 😂", []string{"medium At least we're not", "medium Acme Mobile"}},
		{"Unlike Verizon, our network never drops.", []string{"medium Unlike Verizon"}},
		{"Unlike other airlines, we never charge for bags.", []string{"medium Unlike other airlines"}},
		// Near misses.
		{"You bought it from Southgate? Please contact their support team.", nil},
		{"Sorry for the wait! We'll check with the warehouse.", nil},
		{"Unlike Monday, today the stores open at 9.", nil},
		{"Unlike Northway's old app, the new one saves your basket.", nil},
	})
}

func TestPersonalData(t *testing.T) {
	runRuleCases(t, "reply.personal_data", []ruleCase{
		{"Thanks Dana, your card ending 4242 was refunded and we texted (415) 555-0199.", []string{"critical card ending 4242", "critical (415) 555-0199"}},
		{"We've emailed dana.smith@gmail.com.", []string{"critical dana.smith@gmail.com"}},
		{"Card 4111 1111 1111 1111 was charged twice.", []string{"critical 4111 1111 1111 1111"}},
		{"Card 4111-1111-1111-1111 declined.", []string{"critical 4111-1111-1111-1111"}},
		{"We'll call you on +44 7700 900123 today.", []string{"critical +44 7700 900123"}},
		{"Vi ringer deg på 412 34 567.", []string{"critical 412 34 567"}},
		{"Vi ringer deg på 98765432 i morgen.", []string{"critical 98765432"}},
		{"We texted you at 4155550199 earlier.", []string{"critical 4155550199"}},
		{"Your parcel goes to 221B Baker Street.", []string{"high 221B Baker Street"}},
		{"Shipped to 12 Main St this morning.", []string{"high 12 Main St"}},
		{"Pakken sendes til Storgata 5 i dag.", []string{"high Storgata 5"}},
		{"Order #123456 has shipped.", []string{"high Order #123456"}},
		{"I've updated account 12345678 for you.", []string{"high account 12345678"}},
		{"Ordrenummer 9876543 er sendt.", []string{"high Ordrenummer 9876543"}},
		{"Your visa ending in 1234 is on file.", []string{"critical visa ending in 1234"}},
		{"We'll text you at +1 (415) 555-0199.", []string{"critical +1 (415) 555-0199"}},
		{"Vi ringer deg på +47 412 34 567.", []string{"critical +47 412 34 567"}},
		{"We rang you on 07700 900123 twice.", []string{"critical 07700 900123"}},
		{"Charged to 378282246310005 today.", []string{"critical 378282246310005"}},
		{"Send card number xxxx-xxxx-xxxx-4242 details via DM.", []string{"critical xxxx-4242"}},
		// Near misses.
		{"Sorry about that, Alex! Please send us a DM with your order number and we'll fix it today.", nil},
		{"@115712 Please call our Web Technical Support folks at 800-222-2377.", nil},
		{"You'd need to contact our Aftersales team on 0344 556 5650 from 8am.", nil},
		{"Email support@northway.com and we'll help.", nil},
		{"Card 4111 1111 1111 1112 is not a valid number.", nil},
		{"Item 41234567 is back in stock.", nil},
		{"Your tracking number is 4111111111111111.", nil},
		{"Our new store at 12 Main St opens on Friday!", nil},
		{"Updated 2026-01-21 at 14:35; 3 of 4 items shipped.", nil},
		{"@123456789 thanks! See https://t.co/12345678901234 for details.", nil},
		{"The 12 days of Christmas start on 1 December.", nil},
		{"We open at 10 and the 2 for 1 deal ends at 20:00.", nil},
	})
}

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
		"Unlike Southgate lol", "@115712 ring 0344 556 5650", "Storgata 5, +47 412 34 567", "ÆØÅ 12 Ærlig Street", "\u202e@1"} {
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
	if err := yaml.Unmarshal([]byte(src), &o); err != nil {
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
