package segment

import (
	_ "embed"
	"math"
	"strconv"

	"github.com/preflight-dev/preflight/segment/internal/wordtrie"
)

// trieData is the word-frequency trie, built from data/*.txt at generate
// time (go generate ./segment; see internal/wordtrie for the encoding).
// The trie is read in place: nothing is decoded or copied at start-up, and
// only the pages a lookup touches are read from the binary.
//
//go:generate go run ./internal/gentrie -dir data -go langs_gen.go
//go:embed data/words.trie
var trieData string

// trie is the immutable byte trie in trieData. Node 0 is the root; node
// i's children are nodes first[i] .. first[i+1]-1, sorted by label.
type trie struct {
	first, logps, labels string
	root                 [256]uint32 // the root's child per byte; 0 when absent
}

// openTrie reads the header of an encoded trie. The embedded trie is
// checked by the tests, so a malformed one is a build defect.
func openTrie(s string) *trie {
	h := len(wordtrie.Magic)
	if len(s) < h+4 || s[:h] != wordtrie.Magic {
		panic("segment: embedded trie has no header; run go generate ./segment")
	}
	n := int(le32(s, h))
	body := s[h+4:]
	if len(body) != 4*(n+1)+4*n+n || n == 0 {
		panic("segment: embedded trie of " + strconv.Itoa(len(s)) + " bytes is truncated; run go generate ./segment")
	}
	t := &trie{first: body[:4*(n+1)], logps: body[4*(n+1) : 4*(n+1)+4*n], labels: body[4*(n+1)+4*n:]}
	for k := t.firstOf(0); k < t.firstOf(1); k++ {
		t.root[t.labels[k]] = k
	}
	return t
}

func le32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func (t *trie) firstOf(n uint32) uint32 { return le32(t.first, 4*int(n)) }

// logp is the log-probability of the word ending at node n; 0 when none
// does.
func (t *trie) logp(n uint32) float32 { return math.Float32frombits(le32(t.logps, 4*int(n))) }

// child returns the child of node n for byte b, or 0.
func (t *trie) child(n uint32, b byte) uint32 {
	if n == 0 {
		return t.root[b]
	}
	for k, end := t.firstOf(n), t.firstOf(n+1); k < end; k++ {
		if l := t.labels[k]; l == b {
			return k
		} else if l > b {
			return 0
		}
	}
	return 0
}
