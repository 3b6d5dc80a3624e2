package text

import (
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// twitterTextDir is where the official twitter-text conformance suite is
// kept beside the repository (../shared/data/twitter-text from the root).
const twitterTextDir = "../../shared/data/twitter-text"

// loadConformance reads one of twitter-text's conformance files, or skips
// the test when the shared data is not there.
func loadConformance(t *testing.T, name string) map[string][]map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(twitterTextDir, name))
	if os.IsNotExist(err) {
		t.Skipf("twitter-text conformance suite not found at %s (it lives in ../shared/data beside the repository); skipping", twitterTextDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests map[string][]map[string]any `yaml:"tests"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Tests
}

// entityView is what the conformance files expect of one entity.
type entityView struct {
	Text    string
	List    string
	Indices [2]int
}

func hashtagsOf(s string) []Entity {
	src := []rune(s)
	es := append(extractHashtags(src), extractURLs(s, newCounter(s))...)
	var out []Entity
	for _, e := range removeOverlaps(es) {
		if e.Kind == Hashtag {
			out = append(out, e)
		}
	}
	return out
}

func mentionsOf(s string, lists bool) []Entity {
	var out []Entity
	for _, e := range extractMentions(s, newCounter(s)) {
		if lists || e.List == "" {
			out = append(out, e)
		}
	}
	return out
}

func TestTwitterTextExtract(t *testing.T) {
	tests := loadConformance(t, "extract.yml")
	sections := []struct {
		name    string
		extract func(string) []Entity
		key     string // the expected entity's text field
		indices bool
	}{
		{"hashtags", hashtagsOf, "", false},
		{"hashtags_from_astral", hashtagsOf, "", false},
		{"hashtags_with_indices", hashtagsOf, "hashtag", true},
		{"mentions", func(s string) []Entity { return mentionsOf(s, false) }, "", false},
		{"mentions_with_indices", func(s string) []Entity { return mentionsOf(s, false) }, "screen_name", true},
		{"mentions_or_lists_with_indices", func(s string) []Entity { return mentionsOf(s, true) }, "screen_name", true},
		{"urls", func(s string) []Entity { return extractURLs(s, newCounter(s)) }, "", false},
		{"urls_with_indices", func(s string) []Entity { return extractURLs(s, newCounter(s)) }, "url", true},
		{"urls_with_directional_markers", func(s string) []Entity { return extractURLs(s, newCounter(s)) }, "url", true},
		{"tco_urls_with_params", func(s string) []Entity { return extractURLs(s, newCounter(s)) }, "", false},
		{"cashtags", func(s string) []Entity { return extractCashtags([]rune(s)) }, "", false},
		{"cashtags_with_indices", func(s string) []Entity { return extractCashtags([]rune(s)) }, "cashtag", true},
	}
	for _, sec := range sections {
		cases := tests[sec.name]
		if len(cases) == 0 {
			t.Errorf("%s: no cases in extract.yml", sec.name)
			continue
		}
		pass := 0
		for _, c := range cases {
			text, _ := c["text"].(string)
			var want, got []entityView
			for _, x := range c["expected"].([]any) {
				if !sec.indices {
					want = append(want, entityView{Text: x.(string)})
					continue
				}
				m := x.(map[string]any)
				v := entityView{Text: m[sec.key].(string)}
				if l, ok := m["list_slug"].(string); ok {
					v.List = l
				}
				ix := m["indices"].([]any)
				v.Indices = [2]int{ix[0].(int), ix[1].(int)}
				want = append(want, v)
			}
			for _, e := range sec.extract(text) {
				v := entityView{Text: e.Text}
				if sec.indices {
					v.List, v.Indices = e.List, [2]int{e.Start, e.End}
				}
				got = append(got, v)
			}
			if reflect.DeepEqual(got, want) {
				pass++
			} else {
				t.Errorf("%s: %s\n  text %q\n  got  %v\n  want %v", sec.name, c["description"], text, got, want)
			}
		}
		t.Logf("%s: %d/%d pass", sec.name, pass, len(cases))
	}
}

func TestMayHaveTLD(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"example.com", true}, {"example.comé", true}, {"a.vermögensberater", true}, {"пример.рф", true},
		{"xn--abc.xn--p1ai", true}, {"a.b.c.d", false}, {"end.", false}, {"$5.99", false}, {"v1.2.3", false},
		{"a.b.co", true},
	} {
		if got := mayHaveTLD(c.in); got != c.want {
			t.Errorf("mayHaveTLD(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestAnalyseEntities(t *testing.T) {
	d := Analyse("Big #SummerSale at shop.example.com/deals! Ask @Brand or @brand/team. $AAPL up, this $hit is wild", "en")
	var got []string
	for _, tk := range d.Tokens {
		switch tk.Kind {
		case Hashtag, Mention, Cashtag, URL:
			got = append(got, tk.Raw+"="+tk.Norm)
		}
	}
	want := []string{"#SummerSale=summersale", "shop.example.com/deals=shop.example.com/deals", "@Brand=brand", "@brand/team=brand/team", "$AAPL=aapl"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entity tokens = %q, want %q", got, want)
	}
	if len(d.Hashtags) != 1 || len(d.Mentions) != 2 || len(d.Cashtags) != 2 || len(d.URLs) != 1 {
		t.Errorf("entities: %d hashtags, %d mentions, %d cashtags, %d URLs", len(d.Hashtags), len(d.Mentions), len(d.Cashtags), len(d.URLs))
	}
	var shit bool
	for _, tk := range d.Tokens {
		shit = shit || tk.Kind == Word && tk.Norm == "shit" && tk.Raw == "$hit"
	}
	if !shit {
		t.Error(`"$hit" is not read as the word "shit"`)
	}
}

// autolinkHashtag finds the hashtags twitter-text's autolinker linked in
// its expected HTML.
var autolinkHashtag = regexp.MustCompile(`<a [^>]*title="[#＃]([^"]*)"[^>]*class="[^"]*hashtag[^"]*"`)

func TestTwitterTextAutolinkHashtags(t *testing.T) {
	tests := loadConformance(t, "autolink.yml")
	cases := tests["hashtags"]
	if len(cases) == 0 {
		t.Fatal("no hashtag cases in autolink.yml")
	}
	pass := 0
	for _, c := range cases {
		text, _ := c["text"].(string)
		expected, _ := c["expected"].(string)
		var want, got []string
		for _, m := range autolinkHashtag.FindAllStringSubmatch(expected, -1) {
			want = append(want, html.UnescapeString(m[1]))
		}
		for _, e := range hashtagsOf(text) {
			got = append(got, e.Text)
		}
		if reflect.DeepEqual(got, want) {
			pass++
		} else {
			t.Errorf("%s\n  text %q\n  got  %q\n  want %q", c["description"], text, got, want)
		}
	}
	t.Logf("autolink hashtags: %d/%d pass", pass, len(cases))
}

var (
	autolinkMention = regexp.MustCompile(`<a class="tweet-url (?:username|list-slug)"[^>]*>([^<]*)</a>`)
	autolinkCashtag = regexp.MustCompile(`<a [^>]*title="\$([^"]*)"[^>]*class="[^"]*cashtag[^"]*"`)
)

func TestTwitterTextAutolinkMentionsAndCashtags(t *testing.T) {
	tests := loadConformance(t, "autolink.yml")
	for _, sec := range []struct {
		name string
		re   *regexp.Regexp
		kind TokenKind
	}{{"usernames", autolinkMention, Mention}, {"lists", autolinkMention, Mention}, {"cashtags", autolinkCashtag, Cashtag}} {
		pass := 0
		for _, c := range tests[sec.name] {
			text, _ := c["text"].(string)
			expected, _ := c["expected"].(string)
			var want, got []string
			for _, m := range sec.re.FindAllStringSubmatch(expected, -1) {
				want = append(want, html.UnescapeString(m[1]))
			}
			for _, e := range Entities(text) {
				if e.Kind == sec.kind {
					got = append(got, e.Text+e.List)
				}
			}
			if reflect.DeepEqual(got, want) {
				pass++
			} else {
				t.Errorf("%s: %s\n  text %q\n  got  %q\n  want %q", sec.name, c["description"], text, got, want)
			}
		}
		t.Logf("autolink %s: %d/%d pass", sec.name, pass, len(tests[sec.name]))
	}
}

// FuzzEntities checks the extractor's invariants: spans inside the text,
// in order, not overlapping, and each entity's text is what its span
// holds (after the sigil).
func FuzzEntities(f *testing.F) {
	for _, s := range []string{"#tag @user/list $CASH http://t.co/x www.example.com/a(b)c?d=e", "ＡＢＣ＃tag ＠user", "x.co/ab#c @a@b.com $a.bc", "\u202ahttp://a.pk/\u202c", "#️⃣ #1 #a_b 😀#x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		end := 0
		for _, e := range Entities(s) {
			if e.Start < end || e.End > len(rs) || e.Start >= e.End {
				t.Fatalf("Entities(%q): bad span %v after %d", s, e.Span, end)
			}
			got := string(rs[e.Start:e.End])
			want := e.Text + e.List
			if e.Kind != URL {
				got = string(rs[e.Start+1 : e.End])
			}
			if got != want {
				t.Fatalf("Entities(%q): span %v holds %q, entity says %q", s, e.Span, got, want)
			}
			end = e.End
		}
		if tl := ParseTweet(s); tl.ValidEnd < 0 || tl.ValidEnd > len(rs)+1 || tl.Weighted < 0 {
			t.Fatalf("ParseTweet(%q) = %+v", s, tl)
		}
	})
}

// TestTopics: a Chinese topic tag between two signs is a hashtag; a tag
// twitter-text reads, a topic with a space, one with no Han, kana or
// Hangul, and an empty pair are not topics.
func TestTopics(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"#武汉加油# 囤货正当时", []string{"武汉加油"}},
		{"今天＃春节快乐＃！", []string{"春节快乐"}},
		{"#新品上市！# 快来", []string{"新品上市"}},
		{"#双十一#和#满减#", []string{"双十一", "满减"}},
		{"#武汉 加油# 不是", nil},
		{"#sale# today", nil},
		{"## 空", nil},
		{"#AskOptus 好", nil},
	} {
		var got []string
		for _, e := range extractTopics([]rune(c.in)) {
			got = append(got, e.Text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("extractTopics(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
