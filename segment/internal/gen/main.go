// Command gen rebuilds segment/data/en.txt, the English word list the
// segmenter embeds, from the npm package popular-english-words (ISC), whose
// words.js lists words from Wikipedia ordered by frequency.
//
//	cd "$(mktemp -d)" && npm pack popular-english-words@1.0.2 && tar xzf popular-english-words-1.0.2.tgz
//	go run ./segment/internal/gen -in "$OLDPWD/package/words.js" -out segment/data/en.txt
//
// The output keeps the package's order (line n is the n-th most frequent
// word) so the segmenter can derive a Zipf log-probability from the rank.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
)

// maxLen bounds the words kept: longer words never help split a hashtag.
const maxLen = 20

// junk are frequent tokens of Wikipedia markup, not words.
var junk = map[string]bool{"nbsp": true, "ndash": true, "mdash": true, "amp": true, "quot": true, "http": true,
	"https": true, "www": true, "html": true, "px": true, "ref": true, "refs": true, "cite": true, "isbn": true}

func main() {
	in := flag.String("in", "words.js", "the package's words.js")
	out := flag.String("out", "segment/data/en.txt", "the word list to write")
	n := flag.Int("n", 100000, "how many words to keep")
	flag.Parse()
	src, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	seen := map[string]bool{}
	kept := 0
	for _, m := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(string(src), -1) {
		word := m[1]
		if kept >= *n || seen[word] || junk[word] || !keep(word) {
			continue
		}
		seen[word] = true
		fmt.Fprintln(w, word)
		kept++
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %d words to %s", kept, *out)
}

// keep accepts lower-case ASCII words of 1–20 letters; of the single
// letters only the words "a" and "i".
func keep(w string) bool {
	if len(w) == 0 || len(w) > maxLen {
		return false
	}
	if len(w) == 1 {
		return w == "a" || w == "i"
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
