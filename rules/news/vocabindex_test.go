package news

import (
	"fmt"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// termByTermHits is stemHits as it was written before
// the kinds' vocabulary was indexed: every term of each pass tried in
// order. TestVocabularyHitsIndexed holds the index to it.
func termByTermHits(ps postStems, ev checker.Event) []vocabHit {
	used := make([]bool, len(ps.words))
	var hits []vocabHit
	for pass := 0; pass < 4; pass++ {
		vocab := ev.Vocabulary
		if pass%2 == 1 {
			vocab = ev.KindVocabulary
		}
		for _, term := range vocab {
			if term.Weight < minVocabWeight {
				continue
			}
			sp := strings.IndexByte(term.Stem, ' ')
			if (pass < 2) != (sp >= 0) {
				continue
			}
			ix := ps.en
			if l := lexiconLanguage(term); asWritten(l) {
				continue
			} else if l != "" {
				var ok bool
				if ix, ok = ps.langs[l]; !ok {
					continue
				}
			}
			first := term.Stem
			if sp >= 0 {
				first = term.Stem[:sp]
			}
			words := strings.Fields(term.Stem)
			for i := range ix.stems {
				if ix.stems[i] != first || i+len(words) > len(ix.stems) || used[i] {
					continue
				}
				ok := true
				for k := 1; k < len(words); k++ {
					if ix.stems[i+k] != words[k] || used[i+k] {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				for k := range words {
					used[i+k] = true
				}
				hits = append(hits, vocabHit{term: term, span: text.Span{Start: ps.words[i].span.Start, End: ps.words[i+len(words)-1].span.End}})
			}
		}
	}
	return hits
}

// TestVocabularyHitsIndexed: looking the kinds' terms up by the post's
// stems finds the same hits, in the same order, as trying every term.
func TestVocabularyHitsIndexed(t *testing.T) {
	kinds := []checker.EventTerm{
		{Stem: "flood", Weight: 1, Source: "wordnet:flood"},
		{Stem: "flood water", Weight: 0.9, Source: "wordnet:flood"},
		{Stem: "water", Weight: 0.7, Source: "wordnet:flood"},
		{Stem: "rain", Weight: 0.5, Source: "wordnet:flood"}, // below minVocabWeight
		{Stem: "wash away", Weight: 0.8, Source: "wordnet:flood"},
		{Stem: "wash", Weight: 0.8, Source: "wordnet:flood"},
		{Stem: "deal ", Weight: 0.8, Source: "wordnet:odd"}, // an expression of one word
		{Stem: " sale", Weight: 0.8, Source: "wordnet:odd"}, // never matches
		{Stem: "hochwass", Weight: 1, Source: "lexicon:de:flood"},
		{Stem: "flut", Weight: 1, Source: "lexicon:de:flood"},
		{Stem: "flood", Weight: 1, Source: "lexicon:en:flood"},
		{Stem: "地震", Weight: 1, Source: "lexicon:ja:earthquake"},
		{Stem: "shake", Weight: 0.8, Source: "wordnet:earthquake"},
		{Stem: "shake up", Weight: 0.9, Source: "wordnet:earthquake"},
	}
	events := []checker.Event{
		{KindVocabulary: kinds},
		{Vocabulary: []checker.EventTerm{{Stem: "water", Weight: 0.8, Source: "articles"}, {Stem: "river bank", Weight: 0.9, Source: "articles"}}, KindVocabulary: kinds},
		{Vocabulary: []checker.EventTerm{{Stem: "deal", Weight: 0.9, Source: "articles"}}},
	}
	posts := []string{
		"A flood of deals: flood water prices wash away the competition!",
		"We're shaking things up with a deal that washes away your worries",
		"Shake up your weekend by the river bank, water fun for all",
		"Hochwasser-Preise! Die Flut der Angebote, flood sale",
		"Nothing to see here, just a quiet sale",
		"Flood flood flood water water wash away wash",
		// Longer than maxScannedStems words: its stems are looked up by a map.
		strings.Repeat("Our river bank sale: deals that wash away, shake up your week. ", 8) + "Flood water!",
	}
	compared, long := 0, 0
	for _, s := range posts {
		d := text.Analyse(s, "")
		ps := newPostStems(d)
		if ps.en.at != nil {
			long++
		}
		for i, ev := range events {
			want := fmt.Sprint(termByTermHits(ps, ev))
			got := stemHits(ps, ev, make([]bool, len(ps.words)))
			if fmt.Sprint(got) != want {
				t.Errorf("%q, event %d: indexed %v, term by term %s", s, i, got, want)
			}
			if want != "[]" {
				compared++
			}
		}
	}
	if compared < 8 || long != 1 {
		t.Fatalf("only %d post and event pairs had hits, %d posts long enough for a map, want 1", compared, long)
	}
}
