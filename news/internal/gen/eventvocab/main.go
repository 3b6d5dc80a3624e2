// Command eventvocab rebuilds news/data/eventvocab.tsv, the vocabulary of
// each kind of event (flood, earthquake, shooting, derailment …), from
// WordNet 3.0 rather than from hand-typed word lists.
//
// For every seed sense in seeds.yaml (a lemma, its part of speech and its
// WordNet sense number) it takes the synset's lemmas (synonyms, multi-word
// expressions included), the words derivationally related to them (shoot →
// shooter, shooting) and the lemmas of the direct hyponyms (flood →
// flash flood), and their irregular forms (shaken, shook). Words the seeds file excludes (too general to mean the
// event) are dropped.
//
// WordNet comes from Debian's wordnet-base package (apt-get install
// wordnet-base), which installs the database in /usr/share/wordnet; its
// licence is in news/data/WORDNET-LICENSE.md. Run from the repository root:
//
//	go run ./news/internal/gen/eventvocab -dict /usr/share/wordnet > news/data/eventvocab.tsv
//
// A topic may include another's terms (a killing is also a death): they are
// written with the relation "included" and never name the kind.
//
// Output, one term a line: topic TAB class TAB term TAB weight TAB relation
// TAB seed sense. Sorted by topic, then term.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

type seeds struct {
	Topics map[string]struct {
		Class string   `yaml:"class"`
		Seeds []string `yaml:"seeds"`
		// Includes are topics whose terms this one also uses, without
		// their cues: a killing is also a death, a death is not a killing.
		Includes []string `yaml:"includes"`
	} `yaml:"topics"`
	Exclude []string `yaml:"exclude"`
}

// synset is one WordNet synset: its lemmas and pointers.
type synset struct {
	lemmas []string
	ptrs   []pointer
}

type pointer struct {
	symbol         string
	offset         string
	pos            byte
	source, target int // 0: between synsets; else lemma numbers (1-based)
}

type wordnet struct {
	dir   string
	index map[byte]map[string][]string // pos → lemma → synset offsets in sense order
	data  map[byte]map[string]*synset  // pos → offset → synset (read on demand)
}

var posFile = map[byte]string{'n': "noun", 'v': "verb", 'a': "adj", 's': "adj", 'r': "adv"}

func (wn *wordnet) readIndex(pos byte) error {
	f, err := os.Open(filepath.Join(wn.dir, "index."+posFile[pos]))
	if err != nil {
		return err
	}
	defer f.Close()
	m := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // licence header
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		pcnt, err := strconv.Atoi(f[3])
		if err != nil || len(f) < 6+pcnt {
			return fmt.Errorf("index.%s: bad line %q", posFile[pos], line)
		}
		m[f[0]] = f[6+pcnt:]
	}
	wn.index[pos] = m
	return sc.Err()
}

func (wn *wordnet) readData(pos byte) error {
	b, err := os.ReadFile(filepath.Join(wn.dir, "data."+posFile[pos]))
	if err != nil {
		return err
	}
	m := map[string]*synset{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == ' ' {
			continue
		}
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		wcnt, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return fmt.Errorf("data.%s: bad word count in %q", posFile[pos], f[0])
		}
		s := &synset{}
		k := 4
		for i := 0; i < int(wcnt) && k+1 < len(f); i++ {
			w := f[k]
			if p := strings.IndexByte(w, '('); p > 0 {
				w = w[:p] // adjective markers: "(a)", "(p)"
			}
			s.lemmas = append(s.lemmas, strings.ToLower(w))
			k += 2
		}
		if k >= len(f) {
			m[f[0]] = s
			continue
		}
		pcnt, _ := strconv.Atoi(f[k])
		k++
		for i := 0; i < pcnt && k+3 < len(f); i++ {
			st, _ := strconv.ParseUint(f[k+3], 16, 16)
			s.ptrs = append(s.ptrs, pointer{symbol: f[k], offset: f[k+1], pos: f[k+2][0], source: int(st >> 8), target: int(st & 0xff)})
			k += 4
		}
		m[f[0]] = s
	}
	wn.data[pos] = m
	return nil
}

func (wn *wordnet) synset(pos byte, offset string) *synset {
	if pos == 's' {
		pos = 'a'
	}
	return wn.data[pos][offset]
}

// sense resolves "lemma.pos.N".
func (wn *wordnet) sense(key string) (byte, string, error) {
	parts := strings.Split(key, ".")
	if len(parts) != 3 || len(parts[1]) != 1 {
		return 0, "", fmt.Errorf("seed %q: want lemma.pos.N", key)
	}
	pos := parts[1][0]
	n, err := strconv.Atoi(parts[2])
	if err != nil || n < 1 {
		return 0, "", fmt.Errorf("seed %q: bad sense number", key)
	}
	offs := wn.index[pos][parts[0]]
	if n > len(offs) {
		return 0, "", fmt.Errorf("seed %q: WordNet has %d senses", key, len(offs))
	}
	return pos, offs[n-1], nil
}

// addIrregular adds, for every one-word term, its irregular forms listed
// in WordNet's noun.exc and verb.exc, with the term's weight.
func addIrregular(dict string, best map[[2]string]term) error {
	keys := make([][2]string, 0, len(best))
	for k := range best {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	byText := map[string][]term{}
	for _, k := range keys {
		if t := best[k]; !strings.Contains(t.text, " ") {
			byText[t.text] = append(byText[t.text], t)
		}
	}
	for _, f := range []string{"noun.exc", "verb.exc"} {
		b, err := os.ReadFile(filepath.Join(dict, f))
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			fs := strings.Fields(line)
			if len(fs) < 2 {
				continue
			}
			form := strings.ReplaceAll(fs[0], "_", " ")
			for _, base := range fs[1:] {
				for _, t := range byText[base] {
					k := [2]string{t.topic, form}
					if old, ok := best[k]; !ok || (old.relation == "inflection" && t.weight > old.weight) {
						t.text, t.relation = form, "inflection"
						best[k] = t
					}
				}
			}
		}
	}
	return nil
}

// addIncluded copies each included topic's terms into the topics that
// include it, with the relation "included" (so they never name the kind:
// a death's words do not make a report a killing), unless the topic has
// the term already.
func addIncluded(sd seeds, best map[[2]string]term) error {
	var own []term
	for _, t := range best {
		own = append(own, t)
	}
	for topic, tp := range sd.Topics {
		for _, inc := range tp.Includes {
			if _, ok := sd.Topics[inc]; !ok || inc == topic {
				return fmt.Errorf("topic %q includes %q: not another topic", topic, inc)
			}
			for _, t := range own {
				k := [2]string{topic, t.text}
				if _, ok := best[k]; ok || t.topic != inc {
					continue
				}
				t.topic, t.class, t.relation = topic, tp.Class, "included"
				best[k] = t
			}
		}
	}
	return nil
}

type term struct {
	topic, class, text, relation, seed string
	weight                             float64
}

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "WordNet 3.0 database folder")
	seedFile := flag.String("seeds", filepath.Join("news", "internal", "gen", "eventvocab", "seeds.yaml"), "seed senses")
	flag.Parse()
	if err := run(*dict, *seedFile, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "eventvocab:", err)
		os.Exit(1)
	}
}

func run(dict, seedFile string, w io.Writer) error {
	raw, err := os.ReadFile(seedFile)
	if err != nil {
		return err
	}
	var sd seeds
	if err := yaml.Unmarshal(raw, &sd); err != nil {
		return fmt.Errorf("%s: %w", seedFile, err)
	}
	wn := &wordnet{dir: dict, index: map[byte]map[string][]string{}, data: map[byte]map[string]*synset{}}
	for _, pos := range []byte{'n', 'v', 'a', 'r'} {
		if err := wn.readIndex(pos); err != nil {
			return err
		}
		if err := wn.readData(pos); err != nil {
			return err
		}
	}
	exclude := map[string]bool{}
	for _, e := range sd.Exclude {
		exclude[e] = true
	}
	best := map[[2]string]term{} // topic, text → strongest term
	add := func(t term) {
		t.text = strings.ReplaceAll(t.text, "_", " ")
		if exclude[t.text] || len(t.text) < 3 || strings.ContainsAny(t.text, "0123456789") {
			return
		}
		k := [2]string{t.topic, t.text}
		if old, ok := best[k]; !ok || t.weight > old.weight {
			best[k] = t
		}
	}
	topics := make([]string, 0, len(sd.Topics))
	for t := range sd.Topics {
		topics = append(topics, t)
	}
	sort.Strings(topics)
	for _, topic := range topics {
		tp := sd.Topics[topic]
		for _, seed := range tp.Seeds {
			pos, off, err := wn.sense(seed)
			if err != nil {
				return err
			}
			s := wn.synset(pos, off)
			if s == nil {
				return fmt.Errorf("seed %q: synset %s missing", seed, off)
			}
			mk := func(text, rel string, wt float64) term {
				return term{topic: topic, class: tp.Class, text: text, relation: rel, seed: seed, weight: wt}
			}
			for _, l := range s.lemmas {
				add(mk(l, "synonym", 1))
			}
			for _, p := range s.ptrs {
				t := wn.synset(p.pos, p.offset)
				if t == nil {
					continue
				}
				switch p.symbol {
				case "+": // derivationally related form
					if p.target > 0 && p.target <= len(t.lemmas) {
						add(mk(t.lemmas[p.target-1], "derivation", 0.9))
					}
				case "~": // hyponym (nouns), troponym (verbs)
					for _, l := range t.lemmas {
						add(mk(l, "hyponym", 0.7))
					}
				}
			}
		}
	}
	// Irregular forms (shaken, shook → shake; shot → shoot) from WordNet's
	// exception lists, which a stemmer cannot reach.
	if err := addIrregular(dict, best); err != nil {
		return err
	}
	if err := addIncluded(sd, best); err != nil {
		return err
	}
	out := make([]term, 0, len(best))
	for _, t := range best {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].topic != out[j].topic {
			return out[i].topic < out[j].topic
		}
		return out[i].text < out[j].text
	})
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Event vocabulary derived from WordNet 3.0 (Princeton University; licence in WORDNET-LICENSE.md)")
	fmt.Fprintln(bw, "# by news/internal/gen/eventvocab from its seeds.yaml. Do not edit; regenerate.")
	fmt.Fprintln(bw, "# topic\tclass\tterm\tweight\trelation\tseed")
	for _, t := range out {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%.1f\t%s\t%s\n", t.topic, t.class, t.text, t.weight, t.relation, t.seed)
	}
	return bw.Flush()
}
