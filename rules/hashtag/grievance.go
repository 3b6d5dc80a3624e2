package hashtag

import (
	"fmt"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// grievanceClasses are the news that makes a topic a public grievance:
// prices raised, services cut, strikes, scandals, fines, recalls.
var grievanceClasses = []checker.CrisisClass{checker.CrisisScandal}

// grievanceWindow is how recent that news must be.
const grievanceWindow = 7 * 24 * time.Hour

// minGrievanceWords is how many of the invitation's topic words an
// article must share to be about the same thing ("energy" and "bills").
const minGrievanceWords = 2

// grievance finds the news, in the audience's regions and the past week
// before the scheduled time, that makes what the post invites questions
// about a public grievance: an article graded as a scandal (a price rise,
// a strike, a fine, a recall) sharing at least two of the post's topic
// words, or one word of the brand's own name that the post also uses for
// its topic (a supplier called "Helio Energy" asking about "your energy
// bill" the day energy prices jump: the grievance is its trade's). The
// index keeps a crisis article's headline, so headlines are compared. A Q&A on energy bills the day the price cap jumps is a hijack
// waiting to happen, whoever the supplier is.
func (p *pack) grievance(pass *checker.Pass, b *checker.Brand) (checker.Article, []string, bool) {
	if pass.News == nil {
		return checker.Article{}, nil, false
	}
	brandWords := map[string]bool{}
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			brandWords[w] = true
		}
	}
	lang := pass.Doc.Language
	topic := map[string]string{} // stem -> the word as written
	terms := 0
	for _, t := range pass.Doc.Tokens {
		if t.Kind != text.Word || len([]rune(t.Norm)) < 4 {
			continue
		}
		st := text.StemIn(t.Norm, lang)
		if p.invitations.generic[st] || p.invitations.generic[text.Stem(t.Norm, "en")] || topic[st] != "" {
			continue
		}
		topic[st] = t.Raw
		if terms++; terms == maxGrievanceTerms {
			break
		}
	}
	if len(topic) < minGrievanceWords {
		return checker.Article{}, nil, false
	}
	// The index looks up names, not words: the week's grievances in the
	// audience's regions are read and compared here.
	arts, err := pass.News.Search(pass.Context, checker.NewsQuery{At: pass.At(), Window: grievanceWindow,
		Regions: checker.NormaliseRegions(pass.Post.Regions), Classes: grievanceClasses, Limit: maxGrievances})
	if err != nil || len(arts) == 0 {
		return checker.Article{}, nil, false
	}
	for _, a := range arts {
		seen := map[string]bool{}
		var shared []string
		own, sector := false, false
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Title+" "+a.Summary), notWordRune) {
			st := text.StemIn(w, lang)
			if raw := topic[st]; raw != "" && !seen[st] {
				seen[st] = true
				shared = append(shared, raw)
				if brandWords[strings.ToLower(raw)] {
					sector = true
				} else {
					own = true
				}
			}
		}
		if len(shared) >= minGrievanceWords && own || sector {
			return a, shared, true
		}
	}
	return checker.Article{}, nil, false
}

// maxGrievanceTerms caps the post's words a grievance is looked up by, and
// maxGrievances the week's articles compared with them.
const (
	maxGrievanceTerms = 24
	maxGrievances     = 100
)

func notWordRune(r rune) bool {
	return !(r == '-' || r == '\'' || 'a' <= r && r <= 'z' || r >= 0x80 && !strings.ContainsRune("«»–—“”‘’…", r))
}

// grievanceNote is the finding's sentence about the grievance.
func grievanceNote(a checker.Article, shared []string) string {
	return fmt.Sprintf("what it asks about (%s) is a grievance in the audience's news: %q", strings.Join(shared, ", "), a.Title)
}
