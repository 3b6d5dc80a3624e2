// Package wordtrie builds the segmenter's word-frequency model from its
// word lists into the compact trie the segmenter embeds. It runs at
// generate time (go generate ./segment), so a process that segments a
// hashtag reads the trie in place instead of sorting and building it.
//
// The encoding, all little-endian:
//
//	magic "PFTRIE1\n"
//	n      uint32          number of nodes; node 0 is the root
//	first  [n+1]uint32     node i's children are nodes first[i] .. first[i+1]-1
//	logp   [n]float32      a word's log-probability; 0 for a node that ends no word
//	label  [n]byte         the byte on the edge into the node (0 for the root)
//
// Nodes are numbered breadth-first with each node's children in byte
// order, so the children of a node are consecutive and sorted, and no
// child table is needed.
package wordtrie

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Magic starts an encoded trie.
const Magic = "PFTRIE1\n"

// MaxWord is the longest word (bytes) the model keeps.
const MaxWord = 24

// rareShort is the extra cost (nats) of a two-letter entry that is mostly
// an abbreviation rather than a word.
const rareShort = 3.0

// shortWords are the two-letter words that are real words, not
// abbreviations; other two-letter entries cost rareShort more.
var shortWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`of in to is on as by it at he be an or no if do so up we my me us am go ok oh hi ah
		uh ya yo ex ma pa ow og på av er en et de om da nå så vi du ja ut år ny dø la ok`) {
		m[w] = true
	}
	return m
}()

// List is one ranked word list (most frequent first, one word a line,
// "#" comments) and how its ranks map onto the Zipf curve: the word at
// rank r costs as the word at rank Offset + r·Scale would.
type List struct {
	Text          []byte
	Scale, Offset float64
}

type wordCost struct {
	word string
	logp float32
}

// Build returns the encoded trie of the lists' words; a word in several
// lists keeps its best cost.
func Build(lists ...List) []byte {
	var ws []wordCost
	// Zipf: p(rank r) = 1 / (r · H_N), H_N ≈ ln N + γ.
	h := math.Log(math.Log(100000) + 0.5772)
	for _, l := range lists {
		sc := bufio.NewScanner(bytes.NewReader(l.Text))
		i := 0
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			if w == "" || strings.HasPrefix(w, "#") || len(w) > MaxWord {
				continue
			}
			i++
			lp := -math.Log(l.Offset+float64(i)*l.Scale) - h
			if utf8.RuneCountInString(w) == 2 && !shortWords[w] {
				lp -= rareShort
			}
			ws = append(ws, wordCost{w, float32(lp)})
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].word != ws[j].word {
			return ws[i].word < ws[j].word
		}
		return ws[i].logp > ws[j].logp
	})
	uniq := ws[:0]
	for i, w := range ws {
		if i > 0 && w.word == ws[i-1].word {
			continue
		}
		uniq = append(uniq, w)
	}
	return encode(uniq)
}

// group is a node under construction: the sorted words sharing a prefix
// of depth bytes.
type group struct {
	ws    []wordCost
	depth int
	label byte
}

// encode numbers the nodes breadth-first and writes them out.
func encode(ws []wordCost) []byte {
	var first []uint32
	var logp []float32
	var label []byte
	queue := []group{{ws: ws}}
	next := uint32(1) // the id the next child gets
	for q := 0; q < len(queue); q++ {
		g := queue[q]
		lp := float32(0)
		rest := g.ws
		if len(rest) > 0 && len(rest[0].word) == g.depth {
			lp, rest = rest[0].logp, rest[1:]
		}
		first = append(first, next)
		logp = append(logp, lp)
		label = append(label, g.label)
		for i := 0; i < len(rest); {
			b := rest[i].word[g.depth]
			j := i + 1
			for j < len(rest) && rest[j].word[g.depth] == b {
				j++
			}
			queue = append(queue, group{ws: rest[i:j], depth: g.depth + 1, label: b})
			next++
			i = j
		}
	}
	first = append(first, next)
	n := len(logp)
	out := make([]byte, 0, len(Magic)+4+4*(n+1)+4*n+n)
	out = append(out, Magic...)
	out = binary.LittleEndian.AppendUint32(out, uint32(n))
	for _, f := range first {
		out = binary.LittleEndian.AppendUint32(out, f)
	}
	for _, l := range logp {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(l))
	}
	return append(out, label...)
}

// Lists reads the segmenter's three word lists from dir with their
// scales: English as ranked; Norwegian (subtitle counts) stretched so its
// tenth word costs about what the hundredth English word does, so
// Norwegian words do not out-bid English ones in English tags; the
// social-media supplement ranked as if between the 2,000th and the
// 7,000th English word.
func Lists(dir string) ([]List, error) {
	specs := []struct {
		name          string
		scale, offset float64
	}{{"en.txt", 1, 0}, {"nb.txt", 10, 0}, {"social.txt", 50, 2000}}
	lists := make([]List, 0, len(specs))
	for _, s := range specs {
		b, err := os.ReadFile(filepath.Join(dir, s.name))
		if err != nil {
			return nil, err
		}
		lists = append(lists, List{Text: b, Scale: s.scale, Offset: s.offset})
	}
	return lists, nil
}

// Languages are the languages with a word list of their own beside the
// base model (English, Norwegian and the social supplement): each is built
// into its own trie, data/<code>.trie, which the segmenter opens only for a
// post in that language. The codes are text.Doc.Language's.
var Languages = []string{"da", "de", "es", "fi", "fr", "it", "nl", "pl", "pt", "sv", "tr"}

// langScale stretches a language's subtitle ranks, as Norwegian's are, but
// less: the list is read only for a post in that language, where its words
// should compete with English ones (its tenth word costs about what the
// thirtieth English word does).
const langScale = 3

// LangList reads the word list of one of Languages from dir.
func LangList(dir, code string) (List, error) {
	b, err := os.ReadFile(filepath.Join(dir, code+".txt"))
	if err != nil {
		return List{}, err
	}
	return List{Text: b, Scale: langScale}, nil
}
