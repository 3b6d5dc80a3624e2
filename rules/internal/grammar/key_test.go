package grammar

import (
	"hash/fnv"
	"testing"

	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// A reading hashes and compares each token's word key without building
// it: the answers must be those of the key itself (typographic
// apostrophes straightened, then every apostrophe dropped).
func TestKeyWithoutBuildingIt(t *testing.T) {
	norms := []string{"", "can't", "can’t", "can‘t", "canʼt", "cant", "'", "’", "''x'", "o’neill’s", "é’", "\xe2\x80", "\xca", "ab\xe2\x80\x99", "rock’n’roll"}
	for _, n := range norms {
		key := wordKey(lexicon.TokenKey(&text.Token{Norm: n}))
		f := fnv.New64a()
		f.Write([]byte(key))
		if got, want := text.BareKey(n), f.Sum64(); got != want {
			t.Errorf("text.BareKey(%q) = %x, want the hash of %q (%x)", n, got, key, want)
		}
		for _, w := range norms {
			if got, want := normIs(n, w), key == w; got != want {
				t.Errorf("normIs(%q, %q) = %v, want %v (key %q)", n, w, got, want, key)
			}
		}
	}
}
