package incidents

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"

	"github.com/preflight-dev/preflight/checker"
)

// The precedent index is what a Finder reads of the library, generated
// from data/*.yaml: the mechanisms, and per incident the fields a citation
// and the choice of precedent need, with its content words already
// stemmed. Decoding and validating the YAML is most of what citing a
// precedent used to cost a one-post check (about 40 ms); the index reads in
// a fraction of a millisecond. It records the SHA-256 of the YAML it was
// made from: when the data has been edited since, DefaultFinder reads the
// YAML as before, so a stale index costs time, never a different answer.
// TestPrecedentIndex fails until it is renewed with
// `go generate ./incidents`.

//go:generate go test -run ^TestPrecedentIndex$ . -update

//go:embed precedents.json
var precedentIndexJSON []byte

// precedentIndex is the file's form.
type precedentIndex struct {
	// Source is the SHA-256 of the data files it was made from (dataDigest).
	Source     string            `json:"source"`
	Mechanisms []indexMechanism  `json:"mechanisms"`
	Incidents  []indexedIncident `json:"incidents"`
}

type indexMechanism struct {
	ID         string             `json:"id"`
	Phrase     string             `json:"phrase"`
	Categories []checker.Category `json:"categories"`
	Rules      []string           `json:"rules,omitempty"`
}

type indexedIncident struct {
	ID        string              `json:"id"`
	Date      string              `json:"date"`
	Brand     string              `json:"brand"`
	Event     string              `json:"event,omitempty"`
	Class     checker.CrisisClass `json:"class,omitempty"`
	Mechanism string              `json:"mechanism"`
	Wording   Wording             `json:"wording,omitempty"`
	URL       string              `json:"url,omitempty"`
	Words     []string            `json:"words"`
}

// dataDigest is the SHA-256 of the library's data files (names and
// contents, in name order).
func dataDigest(fsys fs.FS, dir string) (string, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		if err := hashFile(h, fsys, name); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes a file's name, size and contents to h.
func hashFile(h io.Writer, fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s\x00%d\x00", path.Base(name), info.Size())
	_, err = io.Copy(h, f)
	return err
}

// buildPrecedentIndex makes the index of a loaded library whose data
// files have the digest source.
func buildPrecedentIndex(l *Library, source string) precedentIndex {
	f := NewFinder(l)
	x := precedentIndex{Source: source}
	for _, m := range l.Mechanisms {
		x.Mechanisms = append(x.Mechanisms, indexMechanism{ID: m.ID, Phrase: m.Phrase, Categories: m.Categories, Rules: m.Rules})
	}
	for i, in := range l.Incidents {
		words := f.words[i]
		if words == nil {
			words = []string{}
		}
		x.Incidents = append(x.Incidents, indexedIncident{ID: in.ID, Date: in.Date, Brand: in.Brand, Event: in.Event,
			Class: in.Class, Mechanism: in.Mechanism, Wording: in.Wording, URL: in.Source.URL, Words: words})
	}
	return x
}

// finder builds a Finder from the index. Its Library holds the mechanisms
// as the data gives them (without their docs) and incidents with only the
// fields a precedent reads: ID, date, brand, event, class, mechanism,
// wording and the source's URL.
func (x precedentIndex) finder() *Finder {
	l := &Library{byMech: map[string]*Mechanism{}}
	l.Mechanisms = make([]Mechanism, len(x.Mechanisms))
	for i, m := range x.Mechanisms {
		l.Mechanisms[i] = Mechanism{ID: m.ID, Phrase: m.Phrase, Categories: m.Categories, Rules: m.Rules}
		l.byMech[m.ID] = &l.Mechanisms[i]
	}
	l.Incidents = make([]Incident, len(x.Incidents))
	words := make([][]string, len(x.Incidents))
	for i, in := range x.Incidents {
		l.Incidents[i] = Incident{ID: in.ID, Date: in.Date, Brand: in.Brand, Event: in.Event, Class: in.Class,
			Mechanism: in.Mechanism, Wording: in.Wording, Source: Source{URL: in.URL}}
		words[i] = in.Words
	}
	return newFinderWords(l, words)
}

// DefaultFinder returns a Finder over the embedded library, read from the
// generated precedent index when it is current and from the YAML
// otherwise. The Finder's Library is then the index's: enough for
// precedents, not for the regression suite (use Default for that).
func DefaultFinder() (*Finder, error) { return loadFinder(precedentIndexJSON, dataFS, "data") }

// loadFinder builds a Finder from index when it was made from the data
// files in fsys/dir as they are, and from those files otherwise.
func loadFinder(index []byte, fsys fs.FS, dir string) (*Finder, error) {
	digest, err := dataDigest(fsys, dir)
	if err != nil {
		return nil, err
	}
	var x precedentIndex
	if json.Unmarshal(index, &x) == nil && x.Source == digest {
		return x.finder(), nil
	}
	l, err := Load(fsys, dir)
	if err != nil {
		return nil, err
	}
	return NewFinder(l), nil
}
