package hashtag

import (
	"os"
	"strings"
	"testing"
)

func TestZZDbg(t *testing.T) {
	p, _ := loadPack(Options{})
	for _, tag := range strings.Fields(os.Getenv("TAGS")) {
		rs := p.seg.Readings(tag, 12)
		lower := strings.ToLower(tag)
		for w, c := range p.risky {
			if i := strings.Index(lower, w); i >= 0 {
				a := len([]rune(lower[:i]))
				fr, ok := p.forced(tag, a, a+len([]rune(w)), w, rs[0], 100, 0)
				t.Logf("%s best %q  risky %s(%s): forced gap %.1f %q wf0=%v crosses=%v", tag, rs[0].String(), w, c, rs[0].Score-fr.Score, fr.String(), ok, crosses(rs[0], a, a+len([]rune(w)), len([]rune(tag))))
			}
		}
	}
}
