package news

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// The crisis snapshot (the folder news.snapshot beside news.bleve) holds
// what the rules read of the index: every crisis article with its event
// facts, one file a month of publication, and a manifest. Open reads only
// the manifest; a month is read the first time a query's window reaches
// it, so opening and a first check cost the same whatever the archive
// holds. Each commit appends its crisis articles to their months' files as
// one checksummed chunk, then replaces the manifest, which records Bleve's
// document count, the freshest time and each month file's committed size.
// The snapshot is trusted only when the manifest is of this version, its
// event facts were read the way this build reads them (factsFingerprint)
// and its count is Bleve's; a crash between Bleve's commit and the
// manifest, a snapshot from another version (news.crises, the log of
// version 1, is removed), or an index written by a Preflight that kept no
// snapshot make Open rebuild it from Bleve. A month file found damaged
// later is read from Bleve instead.
const (
	snapshotDir     = "news.snapshot"
	snapshotV1File  = "news.crises"
	manifestName    = "manifest.json"
	snapshotVersion = "preflight crisis snapshot v2"
	monthHeader     = "preflight crisis month v2\n"
)

// manifest is the snapshot's state after a commit.
type manifest struct {
	Version string               `json:"version"`
	Facts   string               `json:"facts"`
	Docs    uint64               `json:"docs"`
	Latest  time.Time            `json:"latest"`
	Months  map[string]monthFile `json:"months"`
}

// monthFile is a month file's committed size and article count.
type monthFile struct {
	Size     int64 `json:"size"`
	Articles int   `json:"articles"`
}

func (m monthKey) String() string { return fmt.Sprintf("%04d-%02d", int(m)/12, int(m)%12+1) }

func parseMonth(s string) (monthKey, bool) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, false
	}
	return monthOf(t), true
}

// errStaleSnapshot says the snapshot does not describe the index.
var errStaleSnapshot = errors.New("crisis snapshot is stale")

// crisisSource is a crisis article's stored JSON, for the snapshot when
// its event facts read more than the index stores (its body).
type crisisSource struct{ id, src string }

// snapshot writes the snapshot folder; guarded by Index.writeMu. Its
// manifest is what was last committed.
type snapshot struct {
	dir string
	man manifest
}

func (s *snapshot) monthPath(k monthKey) string { return filepath.Join(s.dir, k.String()+".crises") }

// pendingFacts is what an entry's event facts are computed from on first
// use, when they were not read from the snapshot: an index whose snapshot
// cannot be written then opens without text analysis.
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
	return crisisEntry{art: a, docID: id, classes: classes, keys: nameKeys(a.Entities, a.Hashtags, ""), pending: p}
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

// storedClasses are a stored article's crisis classes, main first.
func storedClasses(sa storedArticle) []checker.CrisisClass {
	if len(sa.Classes) == 0 && sa.Crisis != "" {
		return []checker.CrisisClass{sa.Crisis}
	}
	return sa.Classes
}

// entryFromStored is the crisis entry of an article as the index stores
// it; false when it has no crisis class.
func (ix *Index) entryFromStored(id string, sa storedArticle) (crisisEntry, bool) {
	classes := storedClasses(sa)
	if len(classes) == 0 {
		return crisisEntry{}, false
	}
	return lazyCrisisEntry(ix.der, sa.Article, id, classes), true
}

// readManifest reads the snapshot's manifest and checks it describes the
// index: this version, these event facts, Bleve's count.
func (ix *Index) readManifest(dir, facts string) (manifest, error) {
	var m manifest
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%w: manifest: %v", errStaleSnapshot, err)
	}
	if m.Version != snapshotVersion || m.Facts != facts {
		return m, fmt.Errorf("%w: version %q, facts %q", errStaleSnapshot, m.Version, m.Facts)
	}
	docs, err := ix.bleve.DocCount()
	if err != nil {
		return m, err
	}
	if docs != m.Docs {
		return m, fmt.Errorf("%w: %d documents in the snapshot, %d in the index", errStaleSnapshot, m.Docs, docs)
	}
	for name, f := range m.Months {
		k, ok := parseMonth(name)
		if !ok || k.String() != name || f.Size < int64(len(monthHeader)) {
			return m, fmt.Errorf("%w: month %q", errStaleSnapshot, name)
		}
	}
	return m, nil
}

// useManifest makes the manifest's months the ones the snapshot holds.
func (ix *Index) useManifest(m manifest) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.crises.onDisk = map[monthKey]monthFile{}
	for name, f := range m.Months {
		k, _ := parseMonth(name)
		ix.crises.onDisk[k] = f
		ix.crises.noteMonth(k)
	}
	ix.crises.epoch++
	if m.Latest.After(ix.latest) {
		ix.latest = m.Latest
	}
}

// writeManifest replaces the manifest.
func (s *snapshot) writeManifest() error {
	b, err := json.Marshal(s.man)
	if err != nil {
		return err
	}
	tmp := filepath.Join(s.dir, manifestName+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(s.dir, manifestName))
}

// createSnapshot starts an empty snapshot in dir, replacing any.
func createSnapshot(dir, facts string) (*snapshot, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &snapshot{dir: dir, man: manifest{Version: snapshotVersion, Facts: facts, Months: map[string]monthFile{}}}, nil
}

// appendMonths appends one chunk of records to each month's file. The
// manifest is not written: commit does.
func (s *snapshot) appendMonths(recs map[monthKey]*monthChunk) error {
	for k, c := range recs {
		if err := s.appendChunk(k, c); err != nil {
			return err
		}
	}
	return nil
}

// monthChunk is the records a commit adds to one month.
type monthChunk struct {
	buf []byte
	n   int
}

func (s *snapshot) appendChunk(k monthKey, c *monthChunk) error {
	f, err := os.OpenFile(s.monthPath(k), os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	have := s.man.Months[k.String()]
	// Whatever lies past the committed size is an append that never
	// committed.
	if err := f.Truncate(have.Size); err != nil {
		f.Close()
		return err
	}
	var out []byte
	if have.Size == 0 {
		out = append(out, monthHeader...)
	}
	out = chunkBytes(out, c)
	if _, err := f.WriteAt(out, have.Size); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	s.man.Months[k.String()] = monthFile{Size: have.Size + int64(len(out)), Articles: have.Articles + c.n}
	return nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// commit records the index's state in the manifest.
func (s *snapshot) commit(docs uint64, latest time.Time) error {
	s.man.Docs, s.man.Latest = docs, latest
	return s.writeManifest()
}

// months returns the committed month files.
func (s *snapshot) months() map[monthKey]monthFile {
	out := make(map[monthKey]monthFile, len(s.man.Months))
	for name, f := range s.man.Months {
		k, _ := parseMonth(name)
		out[k] = f
	}
	return out
}

// splitMonth checks a month file's committed bytes (its header, each
// chunk's checksum) and returns where each record lies in them.
func splitMonth(b []byte) ([][2]int, error) {
	if !bytes.HasPrefix(b, []byte(monthHeader)) {
		return nil, errors.New("not a crisis month file")
	}
	var recs [][2]int
	for at := len(monthHeader); at < len(b); {
		if len(b)-at < 8 {
			return nil, errors.New("truncated chunk")
		}
		n, sum := binary.LittleEndian.Uint32(b[at:]), binary.LittleEndian.Uint32(b[at+4:])
		at += 8
		if uint64(n) > uint64(len(b)-at) || crc32.Checksum(b[at:at+int(n)], castagnoli) != sum {
			return nil, errors.New("damaged chunk")
		}
		for end := at + int(n); at < end; {
			l, w := binary.Uvarint(b[at:end])
			if w <= 0 || l > uint64(end-at-w) {
				return nil, errors.New("damaged record")
			}
			recs = append(recs, [2]int{at + w, at + w + int(l)})
			at += w + int(l)
		}
	}
	return recs, nil
}

// readMonthBytes reads a month file's committed bytes; callers hold ix.mu
// so the size and the file agree.
func readMonthBytes(path string, size int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, size)
	if _, err := f.ReadAt(b, 0); err != nil {
		return nil, err
	}
	return b, nil
}

// decodeMonth makes the entries of a month file's bytes. Their strings
// share one copy of the bytes.
func (ix *Index) decodeMonth(b []byte) ([]crisisEntry, error) {
	recs, err := splitMonth(b)
	if err != nil {
		return nil, err
	}
	s := string(b)
	out := make([]crisisEntry, 0, len(recs))
	for i, r := range recs {
		d := recordReader{s: s[r[0]:r[1]]}
		e, err := d.entry(ix.der)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// holdWindow makes sure the months of (from, to] are in memory, reading
// those the snapshot holds that are not, and keeps them there until
// release is called.
func (ix *Index) holdWindow(from, to time.Time) (release func(), err error) {
	var held []*crisisMonth
	release = func() {
		for _, m := range held {
			m.pins.Add(-1)
		}
	}
	if to.Before(from) {
		return release, nil
	}
	first, last := monthOf(from), monthOf(to)
	var missing []monthKey
	ix.mu.RLock()
	l := ix.crises
	lo, _ := slices.BinarySearch(l.known, first)
	for _, k := range l.known[lo:] {
		if k > last {
			break
		}
		if m := l.months[k]; m != nil {
			m.pins.Add(1)
			held = append(held, m)
		} else {
			missing = append(missing, k)
		}
	}
	ix.mu.RUnlock()
	for _, k := range missing {
		m, err := ix.loadMonth(k)
		if err != nil {
			release()
			return func() {}, err
		}
		if m != nil {
			held = append(held, m)
		}
	}
	return release, nil
}

// loadMonth reads month k from the snapshot (from Bleve when its file is
// damaged), puts it in memory and returns it pinned; nil when there is no
// such month. A commit or prune while it was read makes it read again;
// after a few tries, holding the write lock.
func (ix *Index) loadMonth(k monthKey) (*crisisMonth, error) {
	ix.loadMu.Lock() // one month read at a time: concurrent first checks share it
	defer ix.loadMu.Unlock()
	for try := 0; ; try++ {
		locked := try >= 3
		if locked {
			ix.mu.Lock()
		} else {
			ix.mu.RLock()
		}
		l := ix.crises
		f, onDisk := l.onDisk[k]
		if m := l.months[k]; m != nil || !onDisk {
			if m != nil {
				m.pins.Add(1)
			}
			ix.unlock(locked)
			return m, nil
		}
		epoch := l.epoch
		b, err := readMonthBytes(ix.snapPath(k), f.Size)
		var es []crisisEntry
		if err == nil {
			es, err = ix.decodeMonth(b)
		}
		if err != nil {
			es, err = ix.readCrises(k.start(), (k + 1).start(), nil)
			if err != nil {
				ix.unlock(locked)
				return nil, err
			}
		}
		if !locked {
			ix.mu.RUnlock()
			ix.mu.Lock()
		}
		if l.epoch == epoch && ix.crises == l && l.months[k] == nil {
			m := monthWith(es, false)
			m.pins.Add(1)
			l.install(k, m)
			ix.mu.Unlock()
			return m, nil
		}
		ix.mu.Unlock()
	}
}

// startPreload starts the Options.Preload reader, when asked for and the
// index has a snapshot to read.
func (ix *Index) startPreload() {
	if !ix.opts.Preload || ix.snapDir == "" {
		return
	}
	ix.preloadStop, ix.preloadDone = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ix.preloadDone)
		ix.preload(ix.preloadStop, maxLoadedCrises/2)
	}()
}

// preload reads the snapshot's months newest first until they hold budget
// articles, stop is closed, or a month cannot be read (a query reading it
// later reports the problem). A month read is left to the cache as if a
// query had read it.
func (ix *Index) preload(stop <-chan struct{}, budget int) {
	ix.mu.RLock()
	var months []monthKey
	for k := range ix.crises.onDisk {
		months = append(months, k)
	}
	ix.mu.RUnlock()
	slices.Sort(months)
	n := 0
	for i := len(months) - 1; i >= 0 && n < budget; i-- {
		select {
		case <-stop:
			return
		default:
		}
		m, err := ix.loadMonth(months[i])
		if err != nil {
			return
		}
		if m != nil {
			n += len(m.all)
			m.pins.Add(-1)
		}
	}
}

func (ix *Index) unlock(locked bool) {
	if locked {
		ix.mu.Unlock()
	} else {
		ix.mu.RUnlock()
	}
}

// snapPath is the file of month k in the index's snapshot folder.
func (ix *Index) snapPath(k monthKey) string {
	return filepath.Join(ix.snapDir, k.String()+".crises")
}

// encodeEntries turns committed crisis entries into month chunks. Event
// facts read from the body are read again without it (from the stored
// JSON), as an index reopened from Bleve would read them.
func (ix *Index) encodeEntries(es []crisisEntry, sources []crisisSource) (map[monthKey]*monthChunk, error) {
	var src map[string]string
	out := map[monthKey]*monthChunk{}
	var w recordWriter
	for i := range es {
		e := &es[i]
		facts := e.facts
		if e.readBody || facts == nil {
			if src == nil {
				src = make(map[string]string, len(sources))
				for _, s := range sources {
					src[s.id] = s.src
				}
			}
			var sa storedArticle
			if err := json.Unmarshal([]byte(src[e.docID]), &sa); err != nil {
				return nil, fmt.Errorf("crisis article %s: %w", e.docID, err)
			}
			re := lazyCrisisEntry(ix.der, sa.Article, e.docID, e.classes)
			re.ensureFacts()
			facts = re.facts
		}
		k := monthOf(e.art.Published)
		c := out[k]
		if c == nil {
			c = &monthChunk{}
			out[k] = c
		}
		w.buf = w.buf[:0]
		w.entry(ix.der, e, facts)
		c.buf = binary.AppendUvarint(c.buf, uint64(len(w.buf)))
		c.buf = append(c.buf, w.buf...)
		c.n++
	}
	return out, nil
}

// saveBatch appends committed crisis entries to the snapshot and records
// the index's state; on failure the snapshot is given up (every month
// comes into memory) and removed, so the next Open rebuilds it. Callers
// hold writeMu.
func (ix *Index) saveBatch(es []crisisEntry, sources []crisisSource, latest time.Time) {
	if ix.snap == nil {
		return
	}
	err := func() error {
		chunks, err := ix.encodeEntries(es, sources)
		if err != nil {
			return err
		}
		if err := ix.snap.appendMonths(chunks); err != nil {
			return err
		}
		docs, err := ix.bleve.DocCount()
		if err != nil {
			return err
		}
		if latest.Before(ix.snap.man.Latest) {
			latest = ix.snap.man.Latest
		}
		return ix.snap.commit(docs, latest)
	}()
	if err != nil {
		ix.abandonSnapshot()
	}
}

// abandonSnapshot brings every month the snapshot holds into memory, for
// good, and removes the snapshot. Callers hold writeMu.
func (ix *Index) abandonSnapshot() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	l := ix.crises
	var fromBleve []monthKey
	for k, f := range l.onDisk {
		if l.months[k] != nil {
			continue
		}
		b, err := readMonthBytes(ix.snapPath(k), f.Size)
		var es []crisisEntry
		if err == nil {
			es, err = ix.decodeMonth(b)
		}
		if err != nil {
			fromBleve = append(fromBleve, k)
			continue
		}
		l.months[k] = monthWith(es, true)
	}
	for _, k := range fromBleve {
		es, _ := ix.readCrises(k.start(), (k + 1).start(), nil)
		l.months[k] = monthWith(es, true)
	}
	for _, m := range l.months {
		m.resident = true
	}
	l.onDisk, l.loaded = nil, 0
	l.epoch++
	os.RemoveAll(ix.snap.dir)
	ix.snap = nil
}

// dropFromSnapshot removes pruned articles from the month files that hold
// them (each rewritten whole) and records the index's state. Callers hold
// writeMu.
func (ix *Index) dropFromSnapshot(ids []string) {
	if ix.snap == nil {
		return
	}
	gone := make(map[string]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	err := func() error {
		for k, f := range ix.snap.months() {
			b, err := readMonthBytes(ix.snap.monthPath(k), f.Size)
			if err != nil {
				return err
			}
			recs, err := splitMonth(b)
			if err != nil {
				return err
			}
			var keep monthChunk
			for _, at := range recs {
				r := b[at[0]:at[1]]
				d := recordReader{s: string(r)}
				if id := d.str(); d.err != nil || !gone[id] {
					keep.buf = binary.AppendUvarint(keep.buf, uint64(len(r)))
					keep.buf = append(keep.buf, r...)
					keep.n++
				}
			}
			if keep.n == len(recs) {
				continue
			}
			if err := ix.rewriteMonth(k, &keep); err != nil {
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
		ix.abandonSnapshot()
	}
}

// rewriteMonth replaces month k's file by one holding only keep's
// records (or removes it); the month leaves memory, if it was read from the
// old file, to be read again from the new one.
func (ix *Index) rewriteMonth(k monthKey, keep *monthChunk) error {
	path := ix.snap.monthPath(k)
	var f monthFile
	if keep.n > 0 {
		out := chunkBytes(append([]byte(monthHeader), nil...), keep)
		if err := os.WriteFile(path+".tmp", out, 0o644); err != nil {
			return err
		}
		f = monthFile{Size: int64(len(out)), Articles: keep.n}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	l := ix.crises
	if keep.n > 0 {
		if err := os.Rename(path+".tmp", path); err != nil {
			return err
		}
		l.onDisk[k], ix.snap.man.Months[k.String()] = f, f
	} else {
		os.Remove(path)
		delete(l.onDisk, k)
		delete(ix.snap.man.Months, k.String())
	}
	if m := l.months[k]; m != nil && !m.resident {
		delete(l.months, k)
		l.loaded -= len(m.all)
	}
	l.forgetMonth(k)
	l.epoch++
	return nil
}

// chunkBytes appends chunk c, its length and checksum first, to out.
func chunkBytes(out []byte, c *monthChunk) []byte {
	out = binary.LittleEndian.AppendUint32(out, uint32(len(c.buf)))
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(c.buf, castagnoli))
	return append(out, c.buf...)
}

// recordWriter encodes crisis entries.
type recordWriter struct{ buf []byte }

func (w *recordWriter) uint(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }
func (w *recordWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}
func (w *recordWriter) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}
func (w *recordWriter) time(t time.Time) {
	if t.IsZero() {
		w.str("")
		return
	}
	b, _ := t.MarshalText()
	w.str(string(b))
}

// entry encodes an entry: the article (without summary, body and score),
// its name keys, its classes and its event facts.
func (w *recordWriter) entry(dr *deriver, e *crisisEntry, f *eventFacts) {
	a := &e.art
	w.str(e.docID)
	for _, s := range []string{a.ID, a.Title, a.URL, a.Source, a.Language, string(a.Crisis)} {
		w.str(s)
	}
	w.time(a.Published)
	w.time(a.Ingested)
	w.uint(math.Float64bits(a.Severity))
	w.strs(a.Regions)
	w.strs(a.Entities)
	w.strs(a.Hashtags)
	w.strs(e.keys)
	w.uint(uint64(len(e.classes)))
	for _, c := range e.classes {
		w.str(string(c))
	}
	// Event facts.
	keys := dr.keyStrings(f.keys)
	sort.Strings(keys) // ids follow the order keys were met in
	w.strs(keys)
	w.uint(uint64(len(f.kinds)))
	for i, k := range f.kinds {
		w.str(dr.kinds.kinds[k].name)
		w.uint(uint64(f.kindWeights[i]))
	}
	w.uint(uint64(len(f.words)))
	for _, sw := range f.words {
		w.str(sw.stem)
		w.str(sw.word)
		w.uint(boolBit(sw.title, 0))
	}
	w.uint(uint64(len(f.places)))
	for _, p := range f.places {
		w.str(p.name)
		w.str(p.kind)
		w.uint(uint64(max(p.population, 0)))
	}
	w.uint(uint64(max(f.toll, 0)))
	w.uint(boolBit(f.global, 0) | boolBit(f.harm, 1) | boolBit(f.mourned, 2))
}

func boolBit(b bool, bit uint) uint64 {
	if b {
		return 1 << bit
	}
	return 0
}

// recordReader decodes what recordWriter wrote; the first error sticks.
type recordReader struct {
	s   string
	err error
}

var errRecord = errors.New("damaged record")

func (r *recordReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var n uint64
	for i := 0; i < len(r.s) && i < binary.MaxVarintLen64; i++ {
		c := r.s[i]
		n |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			r.s = r.s[i+1:]
			return n
		}
	}
	r.err = errRecord
	return 0
}

func (r *recordReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.s)) {
		r.err = errRecord
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

// count reads a length, capped by what is left to read.
func (r *recordReader) count() int {
	n := r.uint()
	if n > uint64(len(r.s)) {
		r.err = errRecord
		return 0
	}
	return int(n)
}

func (r *recordReader) strs() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *recordReader) time() time.Time {
	s := r.str()
	if s == "" {
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalText([]byte(s)); err != nil && r.err == nil {
		r.err = err
	}
	return t
}

func (r *recordReader) entry(dr *deriver) (crisisEntry, error) {
	var e crisisEntry
	a := &e.art
	e.docID = r.str()
	a.ID, a.Title, a.URL, a.Source, a.Language = r.str(), r.str(), r.str(), r.str(), r.str()
	a.Crisis = checker.CrisisClass(r.str())
	a.Published = r.time()
	a.Ingested = r.time()
	a.Severity = math.Float64frombits(r.uint())
	a.Regions, a.Entities, a.Hashtags = r.strs(), r.strs(), r.strs()
	e.keys = r.strs()
	if n := r.count(); n > 0 {
		e.classes = make([]checker.CrisisClass, n)
		for i := range e.classes {
			e.classes[i] = checker.CrisisClass(r.str())
		}
	}
	f := &eventFacts{}
	f.keys = dr.internAll(r.strs())
	if n := r.count(); n > 0 {
		f.kinds, f.kindWeights = make([]int, n), make([]int, n)
		for i := range n {
			name := r.str()
			k, ok := dr.kinds.index(name)
			if !ok && r.err == nil {
				r.err = fmt.Errorf("unknown kind of event %q", name)
			}
			f.kinds[i], f.kindWeights[i] = k, int(r.uint())
		}
	}
	if n := r.count(); n > 0 {
		f.words = make([]stemWord, n)
		for i := range f.words {
			f.words[i] = stemWord{stem: r.str(), word: r.str(), title: r.uint() == 1}
		}
	}
	if n := r.count(); n > 0 {
		f.places = make([]placeHit, n)
		for i := range f.places {
			f.places[i] = placeHit{name: r.str(), kind: r.str(), population: int(r.uint())}
		}
	}
	f.toll = int(r.uint())
	flags := r.uint()
	f.global, f.harm, f.mourned = flags&1 != 0, flags&2 != 0, flags&4 != 0
	if r.err == nil && len(r.s) != 0 {
		r.err = errRecord
	}
	if r.err != nil {
		return crisisEntry{}, r.err
	}
	f.mask = dr.kindMask(f)
	e.facts = f
	return e, nil
}

// factsProbes are articles whose event facts fingerprint how this build
// reads facts (factsFingerprint): one of each kind of thing facts record.
var factsProbes = []checker.Article{
	{Title: "Gunman kills 12 at a school in Houston", Summary: "Police in Houston, Texas said the attacker opened fire near the gym. #HoustonStrong",
		Regions: []string{"US"}},
	{Title: "Flooding swamps Bergen; thousands evacuated", Summary: "Record rain flooded parts of the city overnight, killing 4. National mourning was declared.",
		Language: "no", Regions: []string{"NO"}},
	{Title: "Global outage grounds flights worldwide", Summary: "Millions of computers crashed after a faulty update; airlines and banks were hit in dozens of countries."},
	{Title: "Acme Foods fined over listeria recall", Summary: "Regulators said Acme Foods ignored warnings at its Lyon plant; a lawsuit is expected."},
	{Title: "Earthquake of magnitude 7.1 strikes near Osaka", Summary: "At least 57 people died and buildings collapsed across the region, officials in Japan said."},
}

// factsVersion is raised when the event facts change in a way the probes
// cannot show.
const factsVersion = 27

// factsFingerprint names how this build reads event facts: the hash
// factsFingerprintOf computes, kept here so that opening an index does not
// read the lexicons (TestFactsFingerprint says when it must change). A
// snapshot whose facts were read otherwise is rebuilt.
const factsFingerprint = "b4f9a69b"

// factsFingerprintOf is a hash of the probes' facts as the snapshot records
// them.
func (dr *deriver) factsFingerprintOf() string {
	var w recordWriter
	w.uint(factsVersion)
	for i, a := range factsProbes {
		a.Published = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		d := dr.derive(&a)
		classes := d.classes
		if len(classes) == 0 {
			classes = []checker.CrisisClass{checker.CrisisScandal}
		}
		a.Crisis, a.Severity = classes[0], d.severity
		a.Entities, a.Hashtags = d.entities, d.hashtags
		e := crisisEntry{art: a, docID: fmt.Sprint(i), classes: classes, keys: nameKeys(a.Entities, a.Hashtags, "")}
		w.entry(dr, &e, dr.facts(&a, d, classes))
	}
	return fmt.Sprintf("%08x", crc32.Checksum(w.buf, castagnoli))
}

// openSnapshot makes the crisis list read the snapshot in dir, or, when it
// is missing or stale, rebuilds it from Bleve. When the folder cannot be
// written, every crisis article is read from Bleve into memory.
func (ix *Index) openSnapshot(dir string) error {
	ix.snapDir = dir
	os.Remove(filepath.Join(filepath.Dir(dir), snapshotV1File)) // version 1: rebuilt below
	facts := factsFingerprint
	if ix.useSnapshot() {
		return nil
	}
	ix.crises, ix.latest = newCrisisList(), time.Time{}
	snap, err := createSnapshot(dir, facts)
	if err != nil {
		return ix.load() // a read-only folder: everything in memory
	}
	return ix.rebuild(snap)
}

// useSnapshot makes the crisis list read the snapshot in ix.snapDir when
// its manifest describes the index, and says whether it does.
func (ix *Index) useSnapshot() bool {
	m, err := ix.readManifest(ix.snapDir, factsFingerprint)
	if err != nil {
		return false
	}
	ix.snap = &snapshot{dir: ix.snapDir, man: m}
	if m.Months == nil {
		ix.snap.man.Months = map[string]monthFile{}
	}
	ix.useManifest(ix.snap.man)
	return true
}

// rebuild writes a new snapshot of every crisis article Bleve holds.
func (ix *Index) rebuild(snap *snapshot) error {
	err := func() error {
		if err := ix.der.ready(); err != nil {
			return err
		}
		_, err := ix.readCrises(time.Time{}, time.Time{}, func(es []crisisEntry, srcs []crisisSource) error {
			parallelFacts(es)
			chunks, err := ix.encodeEntries(es, srcs)
			if err != nil {
				return err
			}
			return snap.appendMonths(chunks)
		})
		if err != nil {
			return err
		}
		latest, err := ix.freshest()
		if err != nil {
			return err
		}
		docs, err := ix.bleve.DocCount()
		if err != nil {
			return err
		}
		return snap.commit(docs, latest)
	}()
	if err != nil {
		os.RemoveAll(snap.dir)
		ix.crises, ix.latest = newCrisisList(), time.Time{}
		return ix.load()
	}
	ix.snap = snap
	ix.useManifest(snap.man)
	return nil
}

// parallelFacts computes the pending event facts of es on every core.
func parallelFacts(es []crisisEntry) {
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(es)/64))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(es); i += workers {
				es[i].ensureFacts()
			}
		}()
	}
	wg.Wait()
}
