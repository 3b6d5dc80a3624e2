// Command gentrie builds segment/data/words.trie, the segmenter's embedded
// word-frequency trie, from the word lists beside it. Run it through
// go generate ./segment after changing a list; a test in package segment
// fails while the trie is stale.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/preflight-dev/preflight/segment/internal/wordtrie"
)

func main() {
	dir := flag.String("dir", "data", "folder holding en.txt, nb.txt and social.txt; words.trie is written there")
	flag.Parse()
	lists, err := wordtrie.Lists(*dir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*dir, "words.trie"), wordtrie.Build(lists...), 0o644); err != nil {
		log.Fatal(err)
	}
}
