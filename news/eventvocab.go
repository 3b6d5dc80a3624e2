package news

import (
	"bufio"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/eventvocab.tsv
var eventVocabTSV string

//go:embed data/eventlexicon.yaml
var eventLexiconYAML []byte

// lexiconLanguages are the languages eventlexicon.yaml may give a kind's
// vocabulary in: those the text package detects besides English, by its
// letter model or by script (text.ScriptLanguages).
var lexiconLanguages = func() map[string]bool {
	m := map[string]bool{"cs": true, "da": true, "de": true, "es": true, "fi": true, "fr": true, "hu": true,
		"it": true, "id": true, "nl": true, "no": true, "pl": true, "pt": true, "sv": true, "tr": true, "vi": true}
	for _, l := range text.ScriptLanguages {
		m[l] = true
	}
	return m
}()

// matchedAsWritten reports whether a lexicon language's terms are kept as
// written rather than stemmed: the languages detected by script, whose
// words the rules find with text.Lexicon (inside a run of Japanese,
// Chinese or Thai letters, before a Korean particle, by a Russian or
// Arabic stem), the one text analysis that reads posts.
func matchedAsWritten(lang string) bool { return slices.Contains(text.ScriptLanguages, lang) }

// lexiconWeight is the weight of a term of eventlexicon.yaml: each is a
// core word of its kind, as a WordNet synonym is.
const lexiconWeight = 1.0

// kindVocab is the vocabulary of one kind of event (flood, shooting …),
// derived from WordNet by news/internal/gen/eventvocab.
type kindVocab struct {
	name  string
	class checker.CrisisClass
	terms []checker.EventTerm // stemmed, heaviest first
	// cues are the one-word stems that name the kind itself (synonyms and
	// derivations, not the terms it includes from another kind): an article
	// using them is about this kind of event.
	cues map[string]bool
	// langCues are the kind's words in other languages (eventlexicon.yaml),
	// by language: one-word terms stemmed in it, or, in a language matched
	// as written, whole terms. An article in that language using one is
	// about this kind of event ("El huracán María …" is a storm's).
	langCues map[string]map[string]bool
	// chain names the kinds one happening sets off with this one
	// (eventlexicon.yaml's chains: a typhoon's floods, landslides and
	// fallen bridges), itself included.
	chain []string
}

// kindVocabs are every kind's vocabulary, in name order.
type kindVocabs struct {
	kinds []kindVocab
	byCue map[string][]int // cue stem → kinds
	// byLangCue is byCue for articles in other languages: language → the
	// kinds' words in it (stemmed, or as written) → kinds.
	byLangCue map[string]map[string][]int
	// chainMask is, by kind, the bits of the kinds in its chain (kind
	// index < 64), itself included; 0 for a kind in no chain.
	chainMask []uint64
	// combos caches the merged vocabulary of each combination of kinds an
	// event has had, so events share one read-only slice.
	mu     sync.Mutex
	combos map[string][]checker.EventTerm
}

// combined returns the merged vocabulary of the kinds (indexes), shared
// between callers: never modify it.
func (kv *kindVocabs) combined(kinds []int) []checker.EventTerm {
	switch len(kinds) {
	case 0:
		return nil
	case 1:
		return kv.kinds[kinds[0]].terms
	}
	key := fmt.Sprint(kinds)
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if ts, ok := kv.combos[key]; ok {
		return ts
	}
	var ts []checker.EventTerm
	for _, k := range kinds {
		ts = append(ts, kv.kinds[k].terms...)
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Weight > ts[j].Weight })
	ts = dedupeTerms(ts)
	if kv.combos == nil {
		kv.combos = map[string][]checker.EventTerm{}
	}
	kv.combos[key] = ts
	return ts
}

func newKindVocabs() (*kindVocabs, error) {
	byName := map[string]*kindVocab{}
	var names []string
	sc := bufio.NewScanner(strings.NewReader(eventVocabTSV))
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < 5 {
			return nil, fmt.Errorf("eventvocab.tsv line %d: want 6 fields", line)
		}
		w, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return nil, fmt.Errorf("eventvocab.tsv line %d: weight %q", line, f[3])
		}
		k := byName[f[0]]
		if k == nil {
			k = &kindVocab{name: f[0], class: checker.CrisisClass(f[1]), cues: map[string]bool{}}
			byName[f[0]] = k
			names = append(names, f[0])
		}
		st := stemPhrase(f[2])
		if st == "" {
			continue
		}
		k.terms = append(k.terms, checker.EventTerm{Stem: st, Weight: w, Source: "wordnet:" + f[0]})
		if w >= 0.9 && !strings.Contains(st, " ") && f[4] != "included" {
			k.cues[st] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := addLexicon(eventLexiconYAML, byName); err != nil {
		return nil, err
	}
	sort.Strings(names)
	kv := &kindVocabs{byCue: map[string][]int{}, byLangCue: map[string]map[string][]int{}}
	for _, n := range names {
		k := byName[n]
		sort.SliceStable(k.terms, func(i, j int) bool { return k.terms[i].Weight > k.terms[j].Weight })
		k.terms = dedupeTerms(k.terms)
		for c := range k.cues {
			kv.byCue[c] = append(kv.byCue[c], len(kv.kinds))
		}
		for l, cs := range k.langCues {
			if kv.byLangCue[l] == nil {
				kv.byLangCue[l] = map[string][]int{}
			}
			for c := range cs {
				kv.byLangCue[l][c] = append(kv.byLangCue[l][c], len(kv.kinds))
			}
		}
		kv.kinds = append(kv.kinds, *k)
	}
	index := make(map[string]int, len(kv.kinds))
	for i, k := range kv.kinds {
		index[k.name] = i
	}
	kv.chainMask = make([]uint64, len(kv.kinds))
	for i, k := range kv.kinds {
		for _, n := range k.chain {
			if j := index[n]; j < 64 {
				kv.chainMask[i] |= 1 << uint(j)
			}
		}
	}
	return kv, nil
}

// addLexicon adds each kind's vocabulary in other languages (eventlexicon.yaml)
// to the kinds, stemmed word by word in its language as posts in that
// language are, with the source "lexicon:<lang>:<kind>". The terms never name the
// kind: articles are read in English.
func addLexicon(b []byte, kinds map[string]*kindVocab) error {
	var raw struct {
		Kinds  map[string]map[string][]string `yaml:"kinds"`
		Cues   map[string][]string            `yaml:"cues"`
		Chains [][]string                     `yaml:"chains"`
	}
	if err := strictyaml.Decode(b, &raw); err != nil {
		return fmt.Errorf("eventlexicon.yaml: %w", err)
	}
	for i, ch := range raw.Chains {
		if len(ch) < 2 {
			return fmt.Errorf("eventlexicon.yaml: chains[%d]: want two kinds or more", i)
		}
		for _, n := range ch {
			k := kinds[n]
			if k == nil {
				return fmt.Errorf("eventlexicon.yaml: chains[%d]: %q is not a kind of event in eventvocab.tsv", i, n)
			}
			if len(k.chain) > 0 {
				return fmt.Errorf("eventlexicon.yaml: chains[%d]: %q is in two chains", i, n)
			}
			k.chain = ch
		}
	}
	for n, ws := range raw.Cues {
		k := kinds[n]
		if k == nil {
			return fmt.Errorf("eventlexicon.yaml: cues: %q is not a kind of event in eventvocab.tsv", n)
		}
		for _, w := range ws {
			st := stemPhrase(w)
			if st == "" || strings.Contains(st, " ") {
				return fmt.Errorf("eventlexicon.yaml: cues.%s: %q is not one word", n, w)
			}
			k.cues[st] = true
		}
	}
	names := make([]string, 0, len(raw.Kinds))
	for n := range raw.Kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		k := kinds[n]
		if k == nil {
			return fmt.Errorf("eventlexicon.yaml: %q is not a kind of event in eventvocab.tsv", n)
		}
		langs := make([]string, 0, len(raw.Kinds[n]))
		for l := range raw.Kinds[n] {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			if !lexiconLanguages[l] {
				return fmt.Errorf("eventlexicon.yaml: %s: %q is not a language the lexicon serves", n, l)
			}
			for _, term := range raw.Kinds[n][l] {
				st := stemPhraseIn(term, l)
				if st == "" {
					return fmt.Errorf("eventlexicon.yaml: %s.%s: %q has no words", n, l, term)
				}
				k.terms = append(k.terms, checker.EventTerm{Stem: st, Weight: lexiconWeight, Source: "lexicon:" + l + ":" + n})
				if matchedAsWritten(l) || !strings.Contains(st, " ") {
					if k.langCues == nil {
						k.langCues = map[string]map[string]bool{}
					}
					if k.langCues[l] == nil {
						k.langCues[l] = map[string]bool{}
					}
					k.langCues[l][st] = true
				}
			}
		}
	}
	return nil
}

// stemPhraseIn lower-cases a phrase, splits it into words and stems each
// in the language (text.StemIn, as the news rules stem a post's words);
// in a language matchedAsWritten the words are kept as they are. Marks
// belong to their word (Thai and Devanagari vowel signs).
func stemPhraseIn(s, lang string) string {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	if matchedAsWritten(lang) {
		return strings.Join(parts, " ")
	}
	for i, p := range parts {
		parts[i] = text.StemIn(p, lang)
	}
	return strings.Join(parts, " ")
}

// dedupeTerms keeps the first (heaviest) of terms with the same stem; a
// lexicon's term is another than the same stem in English or another
// language, since it matches only posts in its language.
func dedupeTerms(ts []checker.EventTerm) []checker.EventTerm {
	seen := map[string]bool{}
	out := ts[:0]
	for _, t := range ts {
		key := t.Stem
		if rest, ok := strings.CutPrefix(t.Source, "lexicon:"); ok {
			lang, _, _ := strings.Cut(rest, ":")
			key += "\x00" + lang
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, t)
		}
	}
	return out
}

// stem returns the English Snowball stem of a lower-case word, the form
// event vocabularies are kept in; rules stem a post's words the same way.
func stem(w string) string {
	if len(w) < 3 {
		return w
	}
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	return env.Current()
}

// stemPhrase lower-cases a phrase, splits it at spaces, hyphens and
// apostrophes, and stems each word.
func stemPhrase(s string) string {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, p := range parts {
		parts[i] = stem(p)
	}
	return strings.Join(parts, " ")
}
