// Command langeval measures the language detector and content.profanity on
// real text in each language that the machine has offline: the translated
// messages of installed Debian packages (/usr/share/locale/*/LC_MESSAGES/
// *.mo; the English originals are their msgids). Nothing is copied into
// the repository; the figures are printed:
//
//	go run ./scripts/langeval [-locale /usr/share/locale] [-max 2000]
//
// Per language: how often the detector is right, undecided or wrong on
// messages of four words or more; how many messages content.profanity
// flags (false alarms: these are user-interface texts); and how many of
// 100 messages it flags once a word from the language's own profanity list
// is added (recall through the detector and the per-language lookup).
package main

import (
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/content"
	"github.com/preflight-dev/preflight/text"
)

// locales maps a locale folder to the language the detector should answer.
var locales = []struct{ dir, want string }{
	{"", "en"}, // the msgids
	{"nb", "no"}, {"nn", "no"}, {"sv", "sv"}, {"da", "da"}, {"de", "de"}, {"fr", "fr"}, {"es", "es"},
	{"pt", "pt"}, {"pt_BR", "pt"}, {"it", "it"}, {"nl", "nl"}, {"pl", "pl"}, {"fi", "fi"}, {"tr", "tr"},
}

// sample words of each language's list, added to real messages for recall.
var sample = map[string][]string{
	"en": {"fuck", "shit", "cunt", "bitch"}, "no": {"faen", "jævla", "kuk", "fitte"},
	"sv": {"fitta", "jävla", "kuk", "knulla"}, "da": {"fisse", "pik", "luder", "røvhul"},
	"de": {"scheiße", "fotze", "wichser", "arschloch"}, "fr": {"putain", "salope", "connard", "enculé"},
	"es": {"gilipollas", "coño", "cabrón", "mierda"}, "pt": {"caralho", "porra", "foda", "merda"},
	"it": {"cazzo", "vaffanculo", "stronzo", "minchia"}, "nl": {"kut", "klootzak", "hoer", "godverdomme"},
	"pl": {"kurwa", "chuj", "pierdolić", "skurwysyn"}, "fi": {"vittu", "perkele", "paska", "kyrpä"},
	"tr": {"orospu", "siktir", "yarak", "amcık"},
}

var (
	formatRe = regexp.MustCompile(`%[-+ #0-9.*$lhqjzt]*[a-zA-Z%]|\{[^}]*\}|<[^>]*>|\\[nt]|[_&](\pL)`)
	spaceRe  = regexp.MustCompile(`\s+`)
)

func main() {
	dir := flag.String("locale", "/usr/share/locale", "folder of locale message catalogues")
	max := flag.Int("max", 2000, "messages per language at most")
	flag.Parse()
	rs, err := content.Rules(content.Options{})
	if err != nil {
		log.Fatal(err)
	}
	at := time.Date(2026, 1, 20, 15, 0, 0, 0, time.UTC)
	eng, err := checker.New(checker.Config{Rules: rs, Now: func() time.Time { return at }})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-6s %6s %7s %7s %7s %9s %8s  %s\n", "locale", "texts", "right", "und", "wrong", "flagged", "recall", "most flagged words (false alarms)")
	for _, l := range locales {
		msgs, err := messages(*dir, l.dir, *max)
		if err != nil {
			log.Fatal(err)
		}
		if len(msgs) == 0 {
			fmt.Printf("%-6s no catalogues\n", l.dir)
			continue
		}
		var right, und, wrong, flagged int
		words, confused := map[string]int{}, map[string]int{}
		for _, m := range msgs {
			switch text.Analyse(m, "").Language {
			case l.want:
				right++
			case "":
				und++
			default:
				wrong++
				confused[text.Analyse(m, "").Language]++
			}
			if ws := profane(eng, m); len(ws) > 0 {
				flagged++
				for _, w := range ws {
					words[strings.ToLower(w)]++
				}
			}
		}
		caught, tried := 0, 0
		for i, m := range msgs[:min(100, len(msgs))] {
			w := sample[l.want][i%len(sample[l.want])]
			tried++
			if slices.Contains(profane(eng, m+" "+w), w) || len(profane(eng, m+" "+w)) > len(profane(eng, m)) {
				caught++
			}
		}
		name := l.dir
		if name == "" {
			name = "en"
		}
		n := len(msgs)
		fmt.Printf("%-6s %6d %6.1f%% %6.1f%% %6.1f%% %4d %4.1f%% %3d/%-3d  %s  (wrong: %s)\n", name, n, pct(right, n), pct(und, n), pct(wrong, n),
			flagged, pct(flagged, n), caught, tried, top(words, 6), top(confused, 3))
	}
}

// profane returns the words content.profanity flags in a post.
func profane(eng *checker.Engine, post string) []string {
	rep, err := eng.Check(context.Background(), checker.Post{Text: post})
	if err != nil {
		return nil
	}
	var out []string
	for _, f := range rep.Findings {
		if f.Rule == "content.profanity" {
			out = append(out, f.Match)
		}
	}
	return out
}

// messages reads the catalogues of one locale ("" for the English
// originals of the "de" catalogues) and returns cleaned messages of four
// words or more, each once, in a stable order.
func messages(root, locale string, max int) ([]string, error) {
	dir := locale
	if dir == "" {
		dir = "de"
	}
	files, err := filepath.Glob(filepath.Join(root, dir, "LC_MESSAGES", "*.mo"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ids, strs, err := readMO(b)
		if err != nil {
			log.Printf("%s: %v (skipped)", f, err)
			continue
		}
		src := strs
		if locale == "" {
			src = ids
		}
		for _, s := range src {
			for _, part := range strings.Split(s, "\x00") {
				m := strings.TrimSpace(spaceRe.ReplaceAllString(formatRe.ReplaceAllString(part, "$1"), " "))
				if len(strings.Fields(m)) < 4 || seen[m] {
					continue
				}
				seen[m] = true
				out = append(out, m)
				if len(out) >= max {
					return out, nil
				}
			}
		}
	}
	return out, nil
}

// readMO decodes a GNU gettext .mo file: its original and translated
// strings.
func readMO(b []byte) (ids, strs []string, err error) {
	if len(b) < 28 {
		return nil, nil, fmt.Errorf("too short")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, nil, fmt.Errorf("not a .mo file")
	}
	n, oi, ot := int(bo.Uint32(b[8:])), int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	get := func(table, i int) (string, error) {
		p := table + 8*i
		if p+8 > len(b) {
			return "", fmt.Errorf("table out of bounds")
		}
		l, o := int(bo.Uint32(b[p:])), int(bo.Uint32(b[p+4:]))
		if o < 0 || l < 0 || o+l > len(b) {
			return "", fmt.Errorf("string out of bounds")
		}
		return string(b[o : o+l]), nil
	}
	for i := range n {
		id, err := get(oi, i)
		if err != nil {
			return nil, nil, err
		}
		s, err := get(ot, i)
		if err != nil {
			return nil, nil, err
		}
		if id == "" {
			continue // the header
		}
		ids, strs = append(ids, id), append(strs, s)
	}
	return ids, strs, nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// top lists the most frequent words with their counts.
func top(m map[string]int, n int) string {
	ws := make([]string, 0, len(m))
	for w := range m {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(a, b int) bool {
		if m[ws[a]] != m[ws[b]] {
			return m[ws[a]] > m[ws[b]]
		}
		return ws[a] < ws[b]
	})
	var parts []string
	for _, w := range ws[:min(n, len(ws))] {
		parts = append(parts, fmt.Sprintf("%s×%d", w, m[w]))
	}
	return strings.Join(parts, " ")
}
