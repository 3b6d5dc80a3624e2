package checker

import (
	"bytes"
	"encoding/json"
	"testing"
)

// reflectJSON is the report's JSON as encoding/json writes it by
// reflection: the reference AppendJSON must match byte for byte.
func reflectJSON(r Report) ([]byte, error) {
	type plain Report
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	return json.Marshal(plain(r))
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	tricky := "quote \" back \\ <b>&amp;</b> \n\r\t\b\f \x01\x1f tab é 🎉 \u2028\u2029 bad \xff\xfe end"
	one, two := 1, 12
	reports := []Report{
		{},
		{Verdict: VerdictPass, Findings: []Finding{}},
		{ID: "twcs-1", Verdict: VerdictBlock, Score: 100, Versions: map[string]string{"rules": "2026.11.0", "calendar": "c/1", "news": "2026-01-01T00:00:00Z"},
			Findings: []Finding{
				{Rule: "content.profanity", Category: CategoryContent, Severity: SeverityCritical, Message: tricky, Start: &one, End: &two, Match: "dam<n>",
					Evidence:   []Evidence{{Type: "news", Title: tricky, URL: "https://e.com/?a=1&b=<2>", Date: "2026-01-01"}, {Type: "rulepack", Title: "t"}},
					Suggestion: "fix & go"},
				{Rule: "platform.alt_text", Category: CategoryPlatform, Severity: SeverityLow, Message: "m", Field: "media[0].alt"},
			},
			Skipped: []SkippedRule{{Rule: "news.tragedy", Reason: tricky}}, Limits: []string{"a", tricky}, Notes: []string{tricky}},
		{Verdict: VerdictReview, Score: 20, Versions: map[string]string{}, Limits: []string{}, Skipped: []SkippedRule{}},
	}
	for i, r := range reports {
		want, err := reflectJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("report %d:\n got %s\nwant %s", i, got, want)
		}
		if viaMarshal, _ := json.Marshal(r); !bytes.Equal(viaMarshal, want) {
			t.Errorf("report %d through json.Marshal:\n got %s\nwant %s", i, viaMarshal, want)
		}
	}
	if _, err := (&Report{Findings: []Finding{{Severity: 9}}}).AppendJSON(nil); err == nil {
		t.Error("a severity out of range encoded")
	}
}

// Any string, valid UTF-8 or not, is escaped as encoding/json escapes it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "<&>", "\u2028", "\xff", "é\x00\"\\", "🎉\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

func BenchmarkReportJSON(b *testing.B) {
	one, two := 1, 12
	r := Report{ID: "twcs-1", Verdict: VerdictReview, Score: 45, Versions: map[string]string{"rules": "2026.11.0", "calendar": "calendars/2026.11.0"},
		Findings: []Finding{{Rule: "content.profanity", Category: CategoryContent, Severity: SeverityHigh, Message: "Profanity: the word reads as an insult.", Start: &one, End: &two, Match: "damn", Suggestion: "Remove it."}},
		Skipped:  []SkippedRule{{Rule: "news.tragedy_overlap", Reason: "news checks turned off (--no-news)"}, {Rule: "news.shock", Reason: "news checks turned off (--no-news)"}}}
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf, _ = r.AppendJSON(buf[:0])
		}
	})
	b.Run("reflect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			reflectJSON(r)
		}
	})
}
