package news

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// The crisis snapshot (news.crises beside news.bleve) holds what the rules
// read of the index: every crisis article as Bleve stores it, and the
// freshest publication time. Open reads it instead of searching Bleve for
// every crisis article sorted by date, which grows with the archive. It is
// a log, appended at each commit: a header line, then JSON records, one a
// line — "add" (a crisis article indexed), "drop" (articles pruned) and
// "commit" (Bleve's document count and the freshest time once the batch
// is durable). It is trusted only when it ends with a commit whose count
// is Bleve's; a crash between Bleve's commit and the append, a snapshot
// from another version, a damaged line, or an index written by a
// Preflight that kept no snapshot make Open rebuild it from Bleve.
const (
	snapshotFile   = "news.crises"
	snapshotHeader = "preflight crisis snapshot v1"
)

// snapRecord is one line of the snapshot; exactly one field is set.
type snapRecord struct {
	Add    *snapAdd    `json:"add,omitempty"`
	Drop   []string    `json:"drop,omitempty"`
	Commit *snapCommit `json:"commit,omitempty"`
}

// crisisSource is a crisis article to record: its document ID and stored
// JSON.
type crisisSource struct{ id, src string }

// snapAdd is a crisis article: its document ID and the stored JSON (the
// index's fSource field, storedArticle).
type snapAdd struct {
	ID  string          `json:"id"`
	Src json.RawMessage `json:"src"`
}

// snapRecordIn is snapRecord as read: the stored article decoded in the
// same pass as the line.
type snapRecordIn struct {
	Add *struct {
		ID  string        `json:"id"`
		Src storedArticle `json:"src"`
	} `json:"add"`
	Drop   []string    `json:"drop"`
	Commit *snapCommit `json:"commit"`
}

// snapCommit is the state of the index after a commit.
type snapCommit struct {
	Docs   uint64    `json:"docs"`
	Latest time.Time `json:"latest"`
}

// errStaleSnapshot says the snapshot does not describe the index.
var errStaleSnapshot = errors.New("crisis snapshot is stale")

// pendingFacts is what an entry's event facts are computed from on first
// use: opening an index then costs no text analysis, and only the crisis
// articles a rule's window reaches are read.
type pendingFacts struct {
	once    sync.Once
	der     *deriver
	art     checker.Article // with its summary
	classes []checker.CrisisClass
}

// lazyCrisisEntry is newCrisisEntry with the event facts left for
// ensureFacts.
func lazyCrisisEntry(dr *deriver, a checker.Article, id string, classes []checker.CrisisClass) crisisEntry {
	p := &pendingFacts{der: dr, art: a, classes: classes}
	a.Summary, a.Body, a.Score = "", "", 0
	return crisisEntry{art: a, docID: id, classes: classes, keys: nameKeys(a.Entities, a.Hashtags), pending: p}
}

// ensureFacts computes the entry's event facts if they are still pending;
// safe for concurrent readers.
func (e *crisisEntry) ensureFacts() {
	if p := e.pending; p != nil {
		p.once.Do(func() {
			e.facts = p.der.facts(&p.art, p.der.derive(&p.art), p.classes)
			p.art = checker.Article{}
		})
	}
}

// entryFromStored is the crisis entry of an article as the index stores
// it; false when it has no crisis class.
func (ix *Index) entryFromStored(id string, sa storedArticle) (crisisEntry, bool) {
	classes := sa.Classes
	if len(classes) == 0 && sa.Crisis != "" {
		classes = []checker.CrisisClass{sa.Crisis}
	}
	if len(classes) == 0 {
		return crisisEntry{}, false
	}
	return lazyCrisisEntry(ix.der, sa.Article, id, classes), true
}

// loadSnapshot fills the crisis list and the freshest time from the
// snapshot at path, or returns why it cannot (errStaleSnapshot, a missing
// file). On error the list is left empty.
func (ix *Index) loadSnapshot(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	header, rest, _ := bytes.Cut(b, []byte("\n"))
	if string(header) != snapshotHeader {
		return fmt.Errorf("%w: header %.40q", errStaleSnapshot, header)
	}
	var (
		pending []crisisEntry
		last    *snapCommit
		live    int
		dropped int
	)
	// Records are applied in order: adds wait for their commit, so a batch
	// whose commit never made it to the snapshot leaves it stale.
	type step struct {
		adds []crisisEntry
		drop []string
	}
	var steps []step
	for line := 2; len(rest) > 0; line++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		var r snapRecordIn
		if err := json.Unmarshal(l, &r); err != nil {
			return fmt.Errorf("%w: line %d: %v", errStaleSnapshot, line, err)
		}
		switch {
		case r.Add != nil:
			if e, ok := ix.entryFromStored(r.Add.ID, r.Add.Src); ok {
				pending = append(pending, e)
			}
			last = nil
		case r.Drop != nil:
			steps = append(steps, step{adds: pending}, step{drop: r.Drop})
			pending, last = nil, nil
			dropped += len(r.Drop)
		case r.Commit != nil:
			steps = append(steps, step{adds: pending})
			live += len(pending)
			pending, last = nil, r.Commit
		default:
			return fmt.Errorf("%w: line %d: empty record", errStaleSnapshot, line)
		}
	}
	if last == nil {
		return fmt.Errorf("%w: no commit at the end", errStaleSnapshot)
	}
	docs, err := ix.bleve.DocCount()
	if err != nil {
		return err
	}
	if docs != last.Docs {
		return fmt.Errorf("%w: %d documents in the snapshot, %d in the index", errStaleSnapshot, last.Docs, docs)
	}
	// A log mostly of pruned articles is rebuilt (compacted) from Bleve.
	if dropped > live && dropped > 1000 {
		return fmt.Errorf("%w: %d of %d articles pruned", errStaleSnapshot, dropped, live)
	}
	for _, s := range steps {
		if len(s.adds) > 0 {
			ix.crises.add(s.adds)
		}
		if len(s.drop) > 0 {
			gone := make(map[string]bool, len(s.drop))
			for _, id := range s.drop {
				gone[id] = true
			}
			ix.crises.drop(gone)
		}
	}
	ix.latest = last.Latest
	return nil
}

// snapshotWriter appends to the snapshot; nil when the index keeps none
// (in memory) or an append failed (the next Open rebuilds it).
type snapshotWriter struct {
	path string
	f    *os.File
	w    *bufio.Writer
}

// createSnapshot starts a new snapshot at path (replacing any), written
// to a temporary file and renamed by commit.
func createSnapshot(path string) (*snapshotWriter, error) {
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, err
	}
	s := &snapshotWriter{path: path, f: f, w: bufio.NewWriterSize(f, 1<<16)}
	s.w.WriteString(snapshotHeader + "\n")
	return s, nil
}

// appendSnapshot opens the snapshot at path for appending.
func appendSnapshot(path string) (*snapshotWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, err
	}
	return &snapshotWriter{path: path, f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// add records a crisis article by its stored JSON.
func (s *snapshotWriter) add(id, src string) error {
	return s.record(snapRecord{Add: &snapAdd{ID: id, Src: json.RawMessage(src)}})
}

// drop records pruned articles.
func (s *snapshotWriter) drop(ids []string) error {
	return s.record(snapRecord{Drop: ids})
}

// commit records the index's state and writes the records out; a new
// snapshot then takes the place of the old.
func (s *snapshotWriter) commit(docs uint64, latest time.Time) error {
	if err := s.record(snapRecord{Commit: &snapCommit{Docs: docs, Latest: latest}}); err != nil {
		return err
	}
	if err := s.w.Flush(); err != nil {
		return err
	}
	if name := s.f.Name(); name != s.path {
		if err := s.f.Close(); err != nil {
			return err
		}
		if err := os.Rename(name, s.path); err != nil {
			return err
		}
		f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return err
		}
		s.f = f
		s.w.Reset(f)
	}
	return nil
}

func (s *snapshotWriter) record(r snapRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = s.w.Write(b)
	return err
}

// close releases the file; a temporary file never committed is removed.
func (s *snapshotWriter) close() error {
	err := s.f.Close()
	if name := s.f.Name(); name != s.path {
		os.Remove(name)
	}
	return err
}

// discard closes the snapshot and removes it, after a failed append: the
// next Open rebuilds it from Bleve.
func (s *snapshotWriter) discard() {
	s.close()
	os.Remove(s.path)
}

// saveToSnapshot appends a committed change to the snapshot: the crisis
// articles added, the articles pruned, then the index's state. A failure
// removes the snapshot, so the next Open rebuilds it; the index itself is
// not affected. Callers hold writeMu.
func (ix *Index) saveToSnapshot(adds []crisisSource, drops []string) {
	if ix.snap == nil {
		return
	}
	err := func() error {
		for _, a := range adds {
			if err := ix.snap.add(a.id, a.src); err != nil {
				return err
			}
		}
		if len(drops) > 0 {
			if err := ix.snap.drop(drops); err != nil {
				return err
			}
		}
		docs, err := ix.bleve.DocCount()
		if err != nil {
			return err
		}
		return ix.snap.commit(docs, ix.Latest())
	}()
	if err != nil {
		ix.snap.discard()
		ix.snap = nil
	}
}
