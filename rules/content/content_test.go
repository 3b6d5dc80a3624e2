package content

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

func check(t testing.TB, p checker.Post) checker.Report {
	t.Helper()
	rep, err := engine(t).Check(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// found renders one finding as "rule severity match" ("@alt" appended for
// words in an alt text).
func found(f checker.Finding) string {
	s := fmt.Sprintf("%s %s %s", f.Rule, f.Severity, f.Match)
	if f.Field != "" {
		s += " @" + f.Field
	}
	return s
}

// ruleCase is a post and the findings one rule must report on it; an
// empty want means the rule must stay silent (a near miss).
type ruleCase struct {
	text string
	alts []string
	want []string // "severity match", in text order
}

// runRuleCases checks one rule's findings on every case.
func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		p := checker.Post{Text: c.text}
		for _, a := range c.alts {
			p.Media = append(p.Media, checker.Media{URL: "https://example.com/i.png", Alt: a})
		}
		rep := check(t, p)
		var got []string
		for _, f := range rep.Findings {
			if f.Rule == rule {
				s := f.Severity.String() + " " + f.Match
				if f.Field != "" {
					s += " @" + f.Field
				}
				got = append(got, s)
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

func TestProfanity(t *testing.T) {
	runRuleCases(t, "content.profanity", []ruleCase{
		{text: "Our new menu is damn good and the shit-hot wings are back.", want: []string{"medium damn", "high shit"}},
		{text: "What the fuck is this", want: []string{"critical fuck"}},
		{text: "This is FUCKING great", want: []string{"critical FUCKING"}},
		{text: "That's bullshit, total horseshit.", want: []string{"high bullshit", "high horseshit"}},
		{text: "What a clusterfuck", want: []string{"critical clusterfuck"}},
		{text: "You absolute cunt", want: []string{"critical cunt"}},
		{text: "Go to hell", want: []string{"medium hell"}},
		{text: "Mondays 🖕", want: []string{"high 🖕"}},
		{text: "Crap, we sold out", want: []string{"medium Crap"}},
		{text: "son of a bitch", want: []string{"high son of a bitch"}},
		{text: "Faen, dette er jævla bra", want: []string{"high Faen", "high jævla"}},
		{text: "Din drittsekk", want: []string{"high drittsekk"}},
		{text: "Helvetes bra tilbud", want: []string{"medium Helvetes"}},
		{text: "The image says it", alts: []string{"A sign reading fuck off"}, want: []string{"critical fuck @media[0].alt"}},
		// Near misses: Scunthorpe and friends.
		{text: "Scunthorpe, Essex, Sussex, Middlesex, Middlesbrough and Penistone stores are open."},
		{text: "A cocktail with shiitake, our analytics therapist says it is a classic. Assess the grape, the bass, hello!"},
		{text: "Shop Dick's Sporting Goods for the new season"},
		{text: "A finger prick test in two minutes; ring in the year with Dick Clark's New Year's Rockin' Eve. #foodporn and more food porn"},
		{text: "Your dick's showing", want: []string{"high dick's"}},
		{text: "Hancock and Peacock streets; a shuttlecock; Cockburn's port"},
		{text: "Pissarro prints, Fukushima recovery, fire retardant paint, magna cum laude"},
		{text: "Dette er slutt, takk for nå. Fitted sheets in stock."},
		{text: "Hvilket fag liker du best på skolen? Lykke til med eksamen, og hell og lykke videre!"},
		{text: "Shitake mushrooms, hello Hellen, shell, Michelle"},
		{text: "#PublishIt #FinishIt #CherishIt: a niggardly budget"},
		{text: "#fuckmondays #shitshow", want: []string{"critical #fuckmondays", "high #shitshow"}},
		{text: "We'll bend over backwards: dammed river, Amsterdam, assassin, passion, class, glass"},
	})
}

// TestProfanityDisguised needs the text package's normaliser to fold masked,
// leetspeak, full-width and look-alike spellings into Token.Norm.
func TestProfanityDisguised(t *testing.T) {
	runRuleCases(t, "content.profanity", []ruleCase{
		{text: "What the f*ck", want: []string{"critical f*ck"}},
		{text: "ｆｕｃｋ this", want: []string{"critical ｆｕｃｋ"}},
		{text: "holy sh1t", want: []string{"high sh1t"}},
		{text: "f.u.c.k that", want: []string{"critical f.u.c.k"}},
		{text: "fuсk (with a Cyrillic es)", want: []string{"critical fuсk"}},
		{text: "f\u200buck zero width", want: []string{"critical f\u200buck"}},
		{text: "$hit happens", want: []string{"high $hit"}},
		{text: "f**k this, a$$hole", want: []string{"critical f**k", "high a$$hole"}},
		{text: "sh*tty service, Ⓕⓤⓒⓚ", want: []string{"high sh*tty", "critical Ⓕⓤⓒⓚ"}},
		{text: "what the fvck", want: []string{"critical fvck"}},
	})
}

func TestInnuendo(t *testing.T) {
	runRuleCases(t, "content.innuendo", []ruleCase{
		{text: "Our subs: hard and long, just how you like them", want: []string{"medium hard and long"}},
		{text: "Want to get laid? Try our mattresses", want: []string{"medium get laid"}},
		{text: "Come inside 😉 the buns are warm", want: []string{"medium Come inside"}},
		{text: "Bend over for the best deals", want: []string{"medium Bend over"}},
		{text: "Our sausages are long and thick 😉", want: []string{"medium long and thick"}},
		{text: "Lang og hard, akkurat som du vil ha den", want: []string{"medium Lang og hard"}},
		// Near misses.
		{text: "Come inside and warm up with a hot chocolate."},
		{text: "Our burgers are too big to finish; come again for free fries. Put it in your basket."},
		{text: "We'll bend over backwards to help you."},
		{text: "Swallow your pride and try the vegan menu"},
		{text: "The hard work pays off in the long run"},
	})
}

func TestInsensitive(t *testing.T) {
	runRuleCases(t, "content.insensitive", []ruleCase{
		{text: "Crazy deals this weekend", want: []string{"low Crazy"}},
		{text: "Add them to the blacklist, not the whitelist", want: []string{"low blacklist", "low whitelist"}},
		{text: "I'm so OCD about my desk", want: []string{"medium so OCD"}},
		{text: "Hey guys, man-made fibres are back", want: []string{"low Hey guys", "low man-made"}},
		{text: "He committed suicide last year", want: []string{"medium committed suicide"}},
		{text: "Don't be a spaz", want: []string{"medium spaz"}},
		{text: "Women belong in the kitchen.", want: []string{"high belong in the kitchen"}},
		{text: "The perfect beer for removing no from your vocabulary", want: []string{"high removing no from your vocabulary"}},
		{text: "Celebrate Black History Month!", alts: []string{"Planet of the Apes DVD box set"}, want: []string{"medium Apes @media[0].alt"}},
		{text: "Coolest monkey in the jungle", alts: []string{"A black boy wearing a green hoodie"}, want: []string{"medium monkey"}},
		{text: "Which drummer is not like the others?",
			alts: []string{"Two black men in drummer costumes beside a person in a gorilla suit playing drums"},
			want: []string{"high not like the others", "high gorilla @media[0].alt"}},
		{text: "Spot the difference!", alts: []string{"Three Asian women and one white woman"}, want: []string{"medium Spot the difference"}},
		{text: "Hvem skiller seg ut?", alts: []string{"To svarte menn og en ape"}, want: []string{"high Hvem skiller seg ut", "high ape @media[0].alt"}},
		{text: "A day at the zoo", alts: []string{"A Black family watching the gorillas"}, want: []string{"medium gorillas @media[0].alt"}},
		// Near misses.
		{text: "Which drummer is not like the others?", alts: []string{"Three drummers, one in a gorilla suit"}},
		{text: "Our black jacket and the gorilla glass phone case"},
		{text: "Black Friday for the whole family: spot the difference in our prices!"},
		{text: "Black Friday kids' monkey plush toys, 40% off"},
		{text: "Mental health matters; five guys ate crazy golf", want: nil},
		{text: "Spot the difference between our two black coats"},
	})
}

func TestMockery(t *testing.T) {
	runRuleCases(t, "content.mockery", []ruleCase{
		{text: "Our prices are the bomb lol 💣 explosive savings! The bombing of prices 😂", want: []string{"medium bombing"}},
		{text: "This sale is a massacre 😂", want: []string{"medium massacre"}},
		{text: "Too soon? 9/11 was a while ago", want: []string{"medium Too soon"}},
		{text: "Hurricane deals lol", want: []string{"medium Hurricane"}},
		{text: "Bored during the storm? 20% off everything for 36 hours. #HurricaneSandy", want: []string{"medium #HurricaneSandy"}},
		{text: "RIP Kobe. Honour a legend with 24% off all basketball shoes.", want: []string{"medium RIP"}},
		{text: "Good morning, shooters. Happy Friday! 🎉 Weekend plans?", want: []string{"medium shooters"}},
		{text: "Prisene er en bombe haha 😂", want: []string{"medium bombe"}},
		{text: "Joke of the day: the shooting was wild lol", want: []string{"medium shooting"}},
		// Near misses: idioms and serious mentions.
		{text: "Killer deals on everything, to die for!"},
		{text: "Rest in peace, Betty. Our thoughts are with her family."},
		{text: "Our thoughts are with everyone affected by the shooting."},
		{text: "The photo shoot was a blast 🎉"},
		{text: "Bath bombs 20% off 🎉"},
		{text: "Stay cosy during the storm: 20% off blankets."},
		{text: "Bombay Sapphire cocktails, 2 for 1 tonight 🎉"},
	})
}

func TestIntoxication(t *testing.T) {
	runRuleCases(t, "content.intoxication", []ruleCase{
		{text: "Let's get wasted this Friday!", want: []string{"medium get wasted"}},
		{text: "Getting hammered tonight", want: []string{"medium Getting hammered"}},
		{text: "high af rn", want: []string{"medium high af"}},
		{text: "Blackout drunk again", want: []string{"high Blackout drunk"}},
		{text: "Time to get lit 🍻", want: []string{"medium get lit"}},
		{text: "Happy 420 🌿", want: []string{"medium Happy 420"}},
		{text: "Helt dritings på fylla", want: []string{"medium dritings", "medium på fylla"}},
		{text: "Spike your best friend's eggnog when they're not looking.", want: []string{"high Spike your", "high when they're not looking"}},
		// Near misses.
		{text: "Try our wine pairing menu with the autumn dishes."},
		{text: "Don't waste food: wasted food costs families $1,500 a year."},
		{text: "Drunk driving kills. Plan a ride home."},
		{text: "Room 420 is ready for you."},
		{text: "The tree is lit! Join us for the lighting."},
	})
}

func TestPersonalVoice(t *testing.T) {
	runRuleCases(t, "content.personal_voice", []ruleCase{
		{text: "Obama's gma even knew it was going 2 b bad! She died 3 days b4 he became president",
			want: []string{"medium gma", "medium 2 b", "medium b4"}},
		{text: "Date night with my boyfriend ❤️", want: []string{"medium my boyfriend"}},
		{text: "I'm so drunk #gottadrink", want: []string{"medium I'm so drunk", "medium #gottadrink"}},
		{text: "Kjæresten min elsker dette", want: []string{"medium Kjæresten min"}},
		// Near misses: a brand agent's "I".
		{text: "I've passed this on to the team, and I'll update you tomorrow."},
		{text: "Gonna be a great weekend at the store!"},
		{text: "My pleasure! I'm glad my colleague could help."},
	})
}

func TestPolitical(t *testing.T) {
	runRuleCases(t, "content.political", []ruleCase{
		{text: "Vote for Trump! #MAGA", want: []string{"medium Vote for", "medium Trump", "medium #MAGA"}},
		{text: "Biden's new plan is great", want: []string{"medium Biden's"}},
		{text: "Time to #BringBackOurCountry", want: []string{"medium #BringBackOurCountry"}},
		{text: "Stem Høyre i år!", want: []string{"medium Stem Høyre"}},
		{text: "Høyre vant valget i Bergen", want: []string{"medium Høyre"}},
		{text: "Republicans and Democrats agree on pie", want: []string{"medium Republicans", "medium Democrats"}},
		// Near misses.
		{text: "Vote for your favourite flavour!"},
		{text: "Vote for your favourite party snack in our polls!"},
		{text: "Stem på din favorittsmak!"},
		{text: "Our trump card: free delivery. Trumpet lessons too."},
		{text: "Ta til høyre ved rundkjøringen, og til venstre etter broen."},
		{text: "Rødt er årets farge i butikken!"},
		{text: "Venstre side av butikken er pusset opp."},
		{text: "Remember to vote on Tuesday, whoever you support."},
	})
}

func TestSpelling(t *testing.T) {
	runRuleCases(t, "content.spelling", []ruleCase{
		{text: "Teh best deal you will recieve", want: []string{"low Teh", "low recieve"}},
		{text: "Vi har tilbud idag, ihvertfall til kl 20", want: []string{"low idag", "low ihvertfall"}},
		{text: "The best deal you will receive today"},
		{text: "Vi har tilbud i dag, i hvert fall til kl 20"},
	})
}

// TestSpellingSuggestion checks the correction keeps the writer's case.
func TestSpellingSuggestion(t *testing.T) {
	rep := check(t, checker.Post{Text: "Teh store"})
	if len(rep.Findings) != 1 || rep.Findings[0].Suggestion != `Did you mean "The"?` {
		t.Fatalf("got %+v", rep.Findings)
	}
}

func TestOptions(t *testing.T) {
	rs, err := Rules(Options{
		Profanity: LexiconOptions{Extra: []Term{{Phrase: "frak", Severity: "high", Category: "profanity"}}, Allow: []string{"hell yeah"}},
		Spelling:  LexiconOptions{Extra: []Term{{Phrase: "colour", Suggest: "color"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), checker.Post{Text: "Frak! Hell yeah, new colour", ScheduledAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, found(f))
	}
	slices.Sort(got)
	want := []string{"content.profanity high Frak", "content.spelling low colour"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if _, err := Rules(Options{Profanity: LexiconOptions{Extra: []Term{{Phrase: "x", Severity: "severe"}}}}); err == nil {
		t.Fatal("an unknown severity was accepted")
	}
	if _, err := Rules(Options{Profanity: LexiconOptions{Extra: []Term{{Phrase: "a b", Compound: "both"}}}}); err == nil {
		t.Fatal("a multi-word compound was accepted")
	}
}

// TestGolden checks whole reports of the content rules over
// testdata/posts.txt (one post a line; "alt: ..." after " || " adds an alt
// text) against testdata/posts.golden. go test -update rewrites it.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "posts.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		txt, alt, _ := strings.Cut(line, " || ")
		p := checker.Post{Text: txt}
		if alt != "" {
			p.Media = []checker.Media{{Alt: alt}}
		}
		rep := check(t, p)
		fmt.Fprintf(&b, "%s\n  verdict=%s score=%d\n", line, rep.Verdict, rep.Score)
		for _, f := range rep.Findings {
			field := f.Field
			if field == "" {
				field = "text"
			}
			fmt.Fprintf(&b, "  %s %s %s[%d:%d] %q: %s | %s\n", f.Rule, f.Severity, field, *f.Start, *f.End, f.Match, f.Message, f.Suggestion)
		}
	}
	golden.Check(t, filepath.Join("testdata", "posts.golden"), b.String())
}

// FuzzContent runs every content rule over arbitrary text and alt text and
// checks the findings' invariants: spans inside the text they point at,
// matches equal to the span's text, known severities.
func FuzzContent(f *testing.F) {
	for _, s := range []string{"Our new menu is damn good and the shit-hot wings are back.", "f*ck ｆｕｃｋ sh1t",
		"Which drummer is not like the others?", "Vote for #Trump2024", "Teh idag", "I'm so drunk #gottadrink 😂 bomb",
		"\u200b#\u202e@", "Scunthorpe", "2 b b4 gma", ""} {
		f.Add(s, "two black men and a gorilla")
	}
	e := engine(f)
	f.Fuzz(func(t *testing.T, txt, alt string) {
		if !utf8.ValidString(txt) || !utf8.ValidString(alt) || strings.TrimSpace(txt) == "" {
			return
		}
		p := checker.Post{Text: txt, Media: []checker.Media{{Alt: alt}}}
		rep, err := e.Check(context.Background(), p)
		if err != nil {
			return
		}
		if len(rep.Skipped) > 0 {
			t.Fatalf("a rule failed: %+v", rep.Skipped)
		}
		for _, fd := range rep.Findings {
			src := txt
			if fd.Field == "media[0].alt" {
				src = alt
			}
			checkSpan(t, fd, src)
		}
	})
}

func checkSpan(t *testing.T, f checker.Finding, src string) {
	t.Helper()
	if f.Severity < checker.SeverityLow || f.Severity > checker.SeverityCritical {
		t.Fatalf("bad severity %d", f.Severity)
	}
	if !f.HasSpan() {
		return
	}
	rs := []rune(src)
	if *f.Start < 0 || *f.End > len(rs) || *f.Start >= *f.End {
		t.Fatalf("span [%d:%d] out of bounds of %q", *f.Start, *f.End, src)
	}
	if got := string(rs[*f.Start:*f.End]); got != f.Match {
		t.Fatalf("match %q is not the span's text %q", f.Match, got)
	}
}

// BenchmarkContent checks a 280-character post with every content rule.
func BenchmarkContent(b *testing.B) {
	e := engine(b)
	p := checker.Post{Text: benchPost, ScheduledAt: time.Date(2026, 1, 20, 15, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Check(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPost is a typical 280-character promotional post.
var benchPost = strings.Repeat("x", 0) + "Our winter sale starts today! Get 30% off all coats, boots and scarves in every store " +
	"and online. Free shipping on orders over $50, and our new cashmere blend is back in six colours. " +
	"Tell us your favourite look with #NorthwayWinter and tag a friend who needs a warm coat! 🧣❄️ https://t.co/abc"

func TestBenchPostLength(t *testing.T) {
	if n := utf8.RuneCountInString(benchPost); n < 270 || n > 300 {
		t.Fatalf("bench post is %d characters", n)
	}
}

// TestOptionsYAML checks the options read from preflight.yaml's content
// section.
func TestOptionsYAML(t *testing.T) {
	var o Options
	src := `
profanity:
  extra:
    - {phrase: frak, severity: high, category: profanity}
  allow: [hell yeah]
political:
  allow: [obama foundation]
spelling:
  extra:
    - {phrase: northwya, suggest: Northway}
`
	if err := yaml.Unmarshal([]byte(src), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Profanity.Extra) != 1 || o.Profanity.Extra[0].Severity != "high" || o.Profanity.Allow[0] != "hell yeah" ||
		o.Spelling.Extra[0].Suggest != "Northway" {
		t.Fatalf("decoded %+v", o)
	}
	if _, err := Rules(o); err != nil {
		t.Fatal(err)
	}
}
