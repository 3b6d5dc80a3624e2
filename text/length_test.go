package text

import (
	"strings"
	"testing"
)

func TestTwitterTextValidate(t *testing.T) {
	tests := loadConformance(t, "validate.yml")
	for _, sec := range []string{"WeightedTweetsCounterTest", "WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest"} {
		cases := tests[sec]
		if len(cases) == 0 {
			t.Errorf("%s: no cases in validate.yml", sec)
			continue
		}
		pass := 0
		for _, c := range cases {
			text, _ := c["text"].(string)
			want := c["expected"].(map[string]any)
			got := ParseTweet(text)
			if sec == "WeightedTweetsCounterTest" {
				// Version 2 of the configuration: emoji are not discounted.
				v2 := *xConfig()
				v2.EmojiParsingEnabled = false
				got = parseTweet(text, &v2)
			}
			if got.Weighted == want["weightedLength"].(int) && got.Valid == want["valid"].(bool) && got.Permillage == want["permillage"].(int) {
				pass++
			} else {
				t.Errorf("%s: %s\n  text %q\n  got  %+v\n  want %v", sec, c["description"], text, got, want)
			}
		}
		t.Logf("%s: %d/%d pass", sec, pass, len(cases))
	}
	// The plain validity cases: a post is valid when within 280 and not
	// empty (the v1 cases there count 140, so only the verdicts on short
	// and empty posts are checked).
	pass, n := 0, 0
	for _, c := range tests["tweets"] {
		text, _ := c["text"].(string)
		want := c["expected"].(bool)
		if want == false && text != "" {
			continue // over 140 under the old rules, valid under v3
		}
		n++
		if ParseTweet(text).Valid == want {
			pass++
		} else {
			t.Errorf("tweets: %s: got %v", c["description"], !want)
		}
	}
	t.Logf("tweets (valid/empty): %d/%d pass", pass, n)
}

func TestGraphemes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"e\u0301", 1}, {"👍🏽", 1}, {"🇳🇴", 1}, {"👨‍👩‍👧", 1}, {"blåbær", 6},
	} {
		if got := Graphemes(c.in); got != c.want {
			t.Errorf("Graphemes(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestParseTweetValidEnd(t *testing.T) {
	for _, c := range []struct {
		in       string
		weighted int
		validEnd int
	}{
		{strings.Repeat("x", 285), 285, 280},
		{strings.Repeat("日", 141), 282, 140},
		{"Hi " + strings.Repeat("🎉", 139), 281, 141},
		{"see https://example.com/a/very/long/path/that/counts/as/twenty/three", 27, 68},
	} {
		got := ParseTweet(c.in)
		if got.Weighted != c.weighted || got.ValidEnd != c.validEnd {
			t.Errorf("ParseTweet(%.20q…) = %+v, want weighted %d, valid end %d", c.in, got, c.weighted, c.validEnd)
		}
	}
}

func TestGraphemeOffset(t *testing.T) {
	for _, c := range []struct {
		in      string
		n, want int
	}{
		{"abc", 2, 2}, {"abc", 5, 3}, {"👍🏽x", 1, 2}, {"e\u0301e\u0301", 1, 2}, {"", 3, 0},
	} {
		if got := GraphemeOffset(c.in, c.n); got != c.want {
			t.Errorf("GraphemeOffset(%q, %d) = %d, want %d", c.in, c.n, got, c.want)
		}
	}
}

func TestXLengthMatchesParseTweet(t *testing.T) {
	for _, s := range []string{
		"", "Hi http://test.co", strings.Repeat("x", 285), "@a @b Hello https://example.com/x 🎉 日本",
		"café e\u0301 https://t.co/abc", "🇳🇴👨\u200d👩\u200d👧 1\ufe0f\u20e3 #tag",
	} {
		d := Analyse(s, "")
		for _, from := range []int{0, 2, 5} {
			if from > d.Len() {
				continue
			}
			want := ParseTweet(d.Slice(Span{from, d.Len()}))
			if got := d.XLength(from); got != want {
				t.Errorf("%q from %d: XLength %+v, ParseTweet %+v", s, from, got, want)
			}
		}
	}
}

// The constant limit is the embedded configuration's.
func TestXMaxWeightedLength(t *testing.T) {
	if got := xConfig().MaxWeightedTweetLength; got != XMaxWeightedLength {
		t.Errorf("twitter-config-v3.json says %d, XMaxWeightedLength is %d", got, XMaxWeightedLength)
	}
}
