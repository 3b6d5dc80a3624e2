package brand

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// FuzzReadTag checks what a tag reading promises: the brand name it
// carries is in the tag, the invitation is a word of the vocabulary or a
// sentence opener, and the topic left without the invitation is part of
// the tag.
func FuzzReadTag(f *testing.F) {
	for _, s := range []string{"AskBG", "BGStories", "WhyIStayed", "MyFirstJob", "HarborTelecomQandA", "Ølbryggeriet", "a", "", "ÅSK", "askaskask"} {
		f.Add(s, "British Gas")
	}
	r := reader(f)
	f.Fuzz(func(t *testing.T, tag, name string) {
		if !utf8.ValidString(tag) || !utf8.ValidString(name) || len(tag) > 140 || len(name) > 80 {
			t.Skip()
		}
		b := &checker.Brand{Name: name, Handles: []string{"@" + name}}
		b.Variants = Variants(b)
		seen := map[string]bool{}
		for _, v := range b.Variants {
			if v.Text == "" || !utf8.ValidString(v.Text) || seen[strings.ToLower(v.Text)] {
				t.Fatalf("variant %+v empty, invalid or repeated", v)
			}
			seen[strings.ToLower(v.Text)] = true
		}
		tr := r.ReadTag(tag, b)
		if tr.Brand != nil && !strings.Contains(fold(tag), keyOf(tr.Brand)) {
			t.Fatalf("#%s: carries %q, which is not in it", tag, tr.Brand.Text)
		}
		if tr.Invite != "" && !r.InviteWord(tr.Invite) && !strings.Contains(tr.Invite, " ") &&
			!slices.Contains([]string{"my", "min", "mitt"}, tr.Invite) {
			t.Fatalf("#%s: invitation %q is not in the vocabulary", tag, tr.Invite)
		}
		if c := r.TagCore(tag); !strings.Contains(fold(tag), c) {
			t.Fatalf("#%s: topic %q is not part of the tag %q", tag, c, fold(tag))
		}
	})
}
