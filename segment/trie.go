package segment

import "sort"

// trie is a compact, immutable byte trie. Node 0 is the root. A node's
// children are labels[first:first+count] (sorted) with their targets at the
// same indexes; logp is 0 for a node that ends no word.
type trie struct {
	first   []uint32
	count   []uint16
	logp    []float32
	labels  []byte
	targets []uint32
	root    [256]uint32 // root's child per byte; 0 when absent
}

type wordCost struct {
	word string
	logp float32
}

// buildTrie builds the trie of words; duplicates keep the best cost.
func buildTrie(ws []wordCost) *trie {
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
	t := &trie{}
	t.build(uniq, 0)
	for k := uint32(0); k < uint32(t.count[0]); k++ {
		e := t.first[0] + k
		t.root[t.labels[e]] = t.targets[e]
	}
	return t
}

// build adds the node for ws (sorted words sharing their first depth bytes)
// and returns its index.
func (t *trie) build(ws []wordCost, depth int) uint32 {
	id := uint32(len(t.logp))
	t.first = append(t.first, 0)
	t.count = append(t.count, 0)
	t.logp = append(t.logp, 0)
	if len(ws[0].word) == depth {
		t.logp[id] = ws[0].logp
		ws = ws[1:]
	}
	// Group by the byte at depth; children's edges are contiguous.
	var groups [][]wordCost
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].word[depth] == ws[i].word[depth] {
			j++
		}
		groups = append(groups, ws[i:j])
		i = j
	}
	first := uint32(len(t.labels))
	t.first[id], t.count[id] = first, uint16(len(groups))
	for _, g := range groups {
		t.labels = append(t.labels, g[0].word[depth])
		t.targets = append(t.targets, 0)
	}
	for k, g := range groups {
		t.targets[first+uint32(k)] = t.build(g, depth+1)
	}
	return id
}

// child returns the child of node n for byte b, or 0.
func (t *trie) child(n uint32, b byte) uint32 {
	if n == 0 {
		return t.root[b]
	}
	f := t.first[n]
	for k := f; k < f+uint32(t.count[n]); k++ {
		if l := t.labels[k]; l == b {
			return t.targets[k]
		} else if l > b {
			return 0
		}
	}
	return 0
}
