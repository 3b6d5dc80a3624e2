package news

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/preflight-dev/preflight/checker"
)

// Options configures the news index; it is the "news_index" section of
// preflight.yaml. The zero value means the defaults.
type Options struct {
	// Retention is how old an article the poller fetched may get before the
	// poller prunes it (Prune). Off by default (zero or negative keeps
	// everything). Only polled articles are ever pruned: an archive
	// imported for a backtest, or articles sent through the API, stay whole.
	Retention time.Duration `yaml:"retention"`
	// BatchSize is how many articles Add writes in one Bleve batch (one
	// commit). Default 2000: each commit waits for the disk, so bigger
	// batches cost fewer commits, but a Writer holds up to three batches'
	// worth of articles (read, prepared, committing), so smaller ones keep
	// a large import's memory down; a crash loses at most the batches in
	// flight. With 2500 a million-article import left Bleve with twice the
	// segments (merges stop at maxSegmentDocs), and peaked at 306 MB
	// against 215 MB with 2000.
	BatchSize int `yaml:"batch_size"`
	// DefaultWindow is the search window when a query gives none. Default 72 h.
	DefaultWindow time.Duration `yaml:"default_window"`

	// AllowPrivateFeeds lets the poller fetch feeds on private, loopback
	// and link-local addresses (an intranet feed). Off by default, so a
	// feed list or a redirect cannot reach into the operator's network.
	AllowPrivateFeeds bool `yaml:"allow_private_feeds"`
	// MaxItemsPerFeed caps the articles taken from one feed in one poll
	// (default 200, the newest first); a feed's own max_items overrides it.
	MaxItemsPerFeed int `yaml:"max_items_per_feed"`
	// MaxFeedBytes caps one feed response (default 8 MiB); a feed's own
	// max_bytes overrides it.
	MaxFeedBytes int64 `yaml:"max_feed_bytes"`

	// ReadOnly opens an existing index to answer queries only: Bleve then
	// runs no merges in the background (a one-post check would pay for
	// the merges an import left), and any number of read-only processes
	// may hold the index at once. Add and Prune fail. An index whose
	// crisis snapshot must be rebuilt is opened to write, as without it.
	ReadOnly bool `yaml:"-"`
	// Preload reads the newest months of the crisis snapshot into memory
	// in the background once the index is open, newest first, up to half
	// of what the month cache holds (maxLoadedCrises): a long-running
	// service's first check of each month then does not pay for reading
	// it (about 10 ms a month of a million-article-a-year archive). Off
	// for one-off commands, which read only the month their post needs.
	// Answers are the same either way.
	Preload bool `yaml:"-"`
	// Now is the ingestion clock (ingestion times, the future-date clamp);
	// nil means time.Now. Tests pin it.
	Now func() time.Time `yaml:"-"`
	// OnCommit, when set, is called after each batch is committed with the
	// articles it added, as indexed (derived fields filled, bodies left
	// out): the queue re-checks the posts they can reach. It runs on the
	// commit path, so it must return quickly.
	OnCommit func(origin Origin, added []checker.Article) `yaml:"-"`
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 2000
	}
	if o.DefaultWindow <= 0 {
		o.DefaultWindow = 72 * time.Hour
	}
	return o
}

// RetentionCutoff returns the publication time before which polled
// articles are pruned as of now, and false when retention is off.
func (o Options) RetentionCutoff(now time.Time) (time.Time, bool) {
	if o.Retention <= 0 {
		return time.Time{}, false
	}
	return now.Add(-o.Retention), true
}

// AddStats counts what one Add did. Clamped counts the added articles
// dated beyond MaxClockSkew in the future, which were dated at their
// ingestion time instead.
type AddStats struct {
	Added      int `json:"added"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
	Clamped    int `json:"clamped,omitempty"`
}

// Origin says how an article came into the index. Retention prunes only
// what the poller fetched; what a person imported or sent is theirs.
type Origin string

// The origins of articles.
const (
	OriginPoll   Origin = "poll"   // fetched by the poller
	OriginImport Origin = "import" // preflight news import (or Add)
	OriginAPI    Origin = "api"    // POST /v1/news/import
)

// Index is the news index: Bleve on disk (or in memory for tests) plus an
// in-memory list of the crisis articles, kept in publication order, and the
// articles carrying the names the rules have asked about (mentions.go),
// which answer the rules' queries in microseconds. One writer at a time (Add and
// Prune serialise), any number of readers. It implements checker.News.
type Index struct {
	bleve bleve.Index
	opts  Options
	der   *deriver
	// readOnly: opened with Options.ReadOnly and its snapshot usable.
	readOnly bool
	// legacyDates: the index was created with Bleve's date and numeric
	// fields for the publication time and the severity (before fPeriod);
	// it is read and written that way (layout.go).
	legacyDates bool
	// dmap maps documents to Bleve's fields without Bleve's walk; nil
	// for a mapping of another shape (docmap.go).
	dmap *docMapper

	writeMu sync.Mutex // one writer

	// snap is the crisis snapshot beside the index (snapshot.go); nil in
	// memory or after a failed write. Guarded by writeMu.
	snap    *snapshot
	snapDir string
	// loadMu serialises reading months of the snapshot (holdWindow).
	loadMu sync.Mutex

	mu     sync.RWMutex // guards what follows
	crises *crisisList
	latest time.Time
	// mentions follows the names the rules ask about (mentions.go).
	mentions *mentionCache

	// events keeps Events answers (event.go); its keys carry the
	// generation, so an answer never outlives a change.
	events eventCache
	// summaries keeps events by their articles (event.go).
	summaries summaryCache

	// gen counts the committed changes (added batches, prunes); it moves
	// after a change is visible to searches, so a result remembered under
	// a generation never lacks an article committed before it.
	gen atomic.Uint64
	// committing counts the batches handed to Bleve whose commit has not
	// yet reached the crisis list and the mention cache.
	committing atomic.Int32

	// preloadStop ends the Preload reader; preloadDone is closed when it
	// has ended. Both nil without Preload.
	preloadStop, preloadDone chan struct{}
}

// Generation is the count of committed changes to the index: a search's
// result stays true as long as the generation is the same
// (checker.NewsGeneration).
func (ix *Index) Generation() uint64 { return ix.gen.Load() }

// crisisEntry is an article with a crisis class, as the rule queries need it.
type crisisEntry struct {
	art     checker.Article // without Summary and Body, to keep memory small
	docID   string
	classes []checker.CrisisClass
	keys    []string // nameKeys
	// facts are the event facts; when pending is set they are computed on
	// first use (ensureFacts), which inWindow does for what it returns.
	facts   *eventFacts
	pending *pendingFacts
	// readBody is set when the facts were read with the article's body,
	// which the index does not store: the snapshot reads them again
	// without it, as an index reopened from Bleve would.
	readBody bool
}

// Open opens the index kept in the folder dir (its files live in
// dir/news.bleve), creating it when missing. It fails rather than waits when
// another process holds the index open.
func Open(dir string, opts Options) (*Index, error) {
	der, err := newLazyDeriver()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "news.bleve")
	var bi bleve.Index
	if _, statErr := os.Stat(filepath.Join(path, "index_meta.json")); statErr == nil {
		if opts.ReadOnly {
			if ix, err := openReadOnly(dir, opts, der); ix != nil || err != nil {
				return ix, err
			}
			// The snapshot must be rebuilt: opened to write below.
		}
		cfg := scorchConfig()
		cfg["bolt_timeout"] = "3s"
		bi, err = bleve.OpenUsing(path, cfg)
		if err != nil {
			return nil, fmt.Errorf("open news index %s: %w (is another preflight using it?)", path, err)
		}
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
		// A folder without metadata is the remains of an interrupted
		// creation: nothing was committed to it.
		if _, err := os.Stat(path); err == nil {
			if err := os.RemoveAll(path); err != nil {
				return nil, err
			}
		}
		bi, err = bleve.NewUsing(path, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig())
		if err != nil {
			return nil, fmt.Errorf("create news index %s: %w", path, err)
		}
	}
	ix := newIndex(bi, opts, der)
	if err := ix.openSnapshot(filepath.Join(dir, snapshotDir)); err != nil {
		bi.Close()
		return nil, err
	}
	ix.startPreload()
	return ix, nil
}

// openReadOnly opens the index in dir for reading only; nil without an
// error when its snapshot does not describe it (it must be rebuilt).
func openReadOnly(dir string, opts Options, der *deriver) (*Index, error) {
	path := filepath.Join(dir, "news.bleve")
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true, "bolt_timeout": "3s"})
	if err != nil {
		return nil, fmt.Errorf("open news index %s: %w (is another preflight using it?)", path, err)
	}
	ix := newIndex(bi, opts, der)
	ix.snapDir = filepath.Join(dir, snapshotDir)
	if !ix.useSnapshot() {
		bi.Close()
		return nil, nil
	}
	ix.readOnly = true
	ix.startPreload()
	return ix, nil
}

// errReadOnly is returned by Add and Prune on an index opened read-only.
var errReadOnly = errors.New("news: the index was opened read-only")

// maxSegmentDocs caps the documents of a segment Bleve makes by merging
// (its default is five million). A merge maps and reads every segment it
// joins, so its size is what a large import holds in memory at its peak:
// with the default, the merges that made segments of a quarter of a
// million articles took a million-article import to 600 MB; segments of
// at most this many stay near 25 MB on disk, and an article is rewritten
// by fewer merges. Queries read a few more segments (a 1M index has about
// forty), which the rules, answered from the crisis snapshot, do not see.
const maxSegmentDocs = 50_000

// scorchConfig is the Bleve configuration the index is created and opened
// with (at open it applies to indexes created before it too).
func scorchConfig() map[string]interface{} {
	// Bleve reads these over its defaults (mergeplan.DefaultMergePlanOptions).
	return map[string]interface{}{"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentSize": maxSegmentDocs}}
}

// OpenMem returns an empty index held in memory, for tests and one-off
// checks.
func OpenMem(opts Options) (*Index, error) {
	der, err := newLazyDeriver()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewMemOnly(newMapping())
	if err != nil {
		return nil, err
	}
	return newIndex(bi, opts, der), nil
}

func newIndex(bi bleve.Index, opts Options, der *deriver) *Index {
	return &Index{bleve: bi, opts: opts.withDefaults(), der: der, crises: newCrisisList(), mentions: newMentionCache(),
		legacyDates: hasDateField(bi.Mapping()), dmap: newDocMapper(bi.Mapping())}
}

// hasDateField says whether the index's own mapping (the one stored with
// it) keeps the publication time in Bleve's date field, as indexes created
// before fPeriod do.
func hasDateField(m mapping.IndexMapping) bool {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.DefaultMapping == nil {
		return false
	}
	p := im.DefaultMapping.Properties[fPublished]
	return p != nil && len(p.Fields) > 0 && p.Fields[0].Type == "datetime"
}

// LegacyDates says whether the index was created by a Preflight from before
// 2026-11-30, which kept the publication time and the severity in Bleve's
// date and numeric fields. Such an index answers the same, but ingests
// more slowly than one created now.
func (ix *Index) LegacyDates() bool { return ix.legacyDates }

// Close releases the index. Committed batches are already durable.
func (ix *Index) Close() error {
	if ix.preloadStop != nil {
		close(ix.preloadStop)
		<-ix.preloadDone
		ix.preloadStop = nil
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	return ix.bleve.Close()
}

// Field names in the Bleve documents.
const (
	fText      = "text"
	fNames     = "names"
	fRegions   = "regions"
	fCrisis    = "crisis"
	fSeverity  = "severity"  // severityKey (a number in legacy indexes)
	fPublished = "published" // the exact time: timeKey (Bleve's date field in legacy indexes)
	fPeriod    = "period"    // its hour and day: periodKeys
	fSource    = "src"
	fOrigin    = "origin"
	anyCrisis  = "*" // in fCrisis for every article with a crisis class
)

// newMapping is a lean mapping: nothing stored but the article's JSON, no
// term vectors, no _all field; text analysed as English or Norwegian by the
// document's language; names, regions and classes as keywords (the "no"
// analyser would stem Bergen to "berg").
func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.TypeField = "_type"
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false
	build := func(analyzer string) *mapping.DocumentMapping {
		dm := bleve.NewDocumentStaticMapping()
		txt := bleve.NewTextFieldMapping()
		txt.Analyzer = analyzer
		txt.Store, txt.IncludeTermVectors, txt.IncludeInAll, txt.DocValues = false, false, false, false
		dm.AddFieldMappingsAt(fText, txt)
		for _, f := range []string{fNames, fRegions, fCrisis, fOrigin} {
			kw := bleve.NewKeywordFieldMapping()
			kw.Analyzer = keyword.Name
			kw.Store, kw.IncludeTermVectors, kw.IncludeInAll, kw.DocValues = false, false, false, false
			dm.AddFieldMappingsAt(f, kw)
		}
		sev := bleve.NewKeywordFieldMapping()
		sev.Analyzer = keyword.Name
		sev.Store, sev.IncludeTermVectors, sev.IncludeInAll, sev.DocValues = false, false, false, false
		dm.AddFieldMappingsAt(fSeverity, sev)
		// The publication time (published.go): the exact key with doc
		// values to sort by, and the hour and day to select ranges by.
		pub := bleve.NewKeywordFieldMapping()
		pub.Analyzer = keyword.Name
		pub.Store, pub.IncludeTermVectors, pub.IncludeInAll, pub.DocValues = false, false, false, true
		dm.AddFieldMappingsAt(fPublished, pub)
		period := bleve.NewKeywordFieldMapping()
		period.Analyzer = keyword.Name
		period.Store, period.IncludeTermVectors, period.IncludeInAll, period.DocValues = false, false, false, false
		dm.AddFieldMappingsAt(fPeriod, period)
		src := bleve.NewTextFieldMapping()
		src.Index, src.Store, src.IncludeTermVectors, src.IncludeInAll, src.DocValues = false, true, false, false, false
		dm.AddFieldMappingsAt(fSource, src)
		// No "_all" composite: every field is left out of it, and
		// Bleve would still build and write an empty one per article.
		dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
		return dm
	}
	im.AddDocumentMapping("en", build(en.AnalyzerName))
	im.AddDocumentMapping("no", build(no.AnalyzerName))
	im.DefaultMapping = build(en.AnalyzerName)
	im.DefaultAnalyzer = en.AnalyzerName
	return im
}

// docID is the dedupe key: the URL when there is one, else the ID.
func docID(a *checker.Article) string {
	key := strings.TrimSpace(a.URL)
	if key == "" {
		key = "id:" + strings.TrimSpace(a.ID)
	}
	h := sha1.Sum([]byte(key))
	return hex.EncodeToString(h[:12])
}

// enrich fills what ingestion derives and returns the crisis classes and
// what derive read (the event facts read it too: an article enriched reads
// the same, see crisisEntryWith).
func (ix *Index) enrich(a *checker.Article) ([]checker.CrisisClass, derived) {
	d := ix.der.derive(a)
	classes := d.classes
	if a.Crisis != "" {
		classes = append([]checker.CrisisClass{a.Crisis}, without(classes, a.Crisis)...)
	} else if len(classes) > 0 {
		a.Crisis = classes[0]
	}
	if a.Severity == 0 {
		a.Severity = d.severity
	}
	for _, e := range d.entities {
		if !containsFold(a.Entities, e) {
			a.Entities = append(a.Entities, e)
		}
	}
	for _, h := range d.hashtags {
		if !containsFold(a.Hashtags, h) {
			a.Hashtags = append(a.Hashtags, h)
		}
	}
	if len(a.Regions) == 0 {
		a.Regions = d.regions
	}
	a.Regions = checker.NormaliseRegions(a.Regions)
	if a.Language == "" {
		a.Language = d.guessed // derive detected it, from the same text
	}
	return classes, d
}

func without(cs []checker.CrisisClass, c checker.CrisisClass) []checker.CrisisClass {
	out := cs[:0:0]
	for _, x := range cs {
		if x != c {
			out = append(out, x)
		}
	}
	return out
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func isNorwegian(lang string) bool {
	l := strings.ToLower(lang)
	return l == "no" || l == "nb" || l == "nn" || strings.HasPrefix(l, "no-") || strings.HasPrefix(l, "nb-") || strings.HasPrefix(l, "nn-")
}

// bleveDoc is the document Bleve indexes for an article; legacyDates
// writes the publication time as Bleve's date field (Index.legacyDates).
func bleveDoc(a *checker.Article, classes []checker.CrisisClass, origin Origin, legacyDates bool) (map[string]interface{}, error) {
	stored := storedArticle{Article: *a, Classes: classes, Origin: origin}
	stored.Body = ""
	stored.Score = 0
	src, err := json.Marshal(stored)
	if err != nil {
		return nil, err
	}
	typ := "en"
	if isNorwegian(a.Language) {
		typ = "no"
	}
	body := a.Body
	if len(body) > 4000 {
		body = body[:4000]
	}
	crisis := make([]string, 0, len(classes)+1)
	for _, c := range classes {
		crisis = append(crisis, string(c))
	}
	if len(classes) > 0 {
		crisis = append(crisis, anyCrisis)
	}
	doc := map[string]interface{}{
		"_type":  typ,
		fText:    a.Title + "\n" + a.Summary + "\n" + body,
		fNames:   nameKeys(a.Entities, a.Hashtags, leadKey(a.Title)),
		fRegions: a.Regions,
		fCrisis:  crisis,
		fSource:  string(src),
		fOrigin:  string(origin),
	}
	if legacyDates {
		doc[fSeverity] = a.Severity
		doc[fPublished] = a.Published.UTC()
		return doc, nil
	}
	doc[fSeverity] = severityKey(a.Severity)
	if key, ok := timeKey(a.Published); ok {
		doc[fPublished] = key
		doc[fPeriod] = periodKeys(a.Published.UnixNano())
	}
	return doc, nil
}

// ErrInvalidArticle is wrapped by Validate's errors.
var ErrInvalidArticle = errors.New("invalid article")

// Validate says what makes an article unusable: it needs a title, a
// publication time and either a URL or an ID.
func Validate(a *checker.Article) error {
	switch {
	case strings.TrimSpace(a.Title) == "":
		return fmt.Errorf("%w: title is missing", ErrInvalidArticle)
	case a.Published.IsZero():
		return fmt.Errorf("%w: published time is missing", ErrInvalidArticle)
	case strings.TrimSpace(a.URL) == "" && strings.TrimSpace(a.ID) == "":
		return fmt.Errorf("%w: neither url nor id is given", ErrInvalidArticle)
	}
	return nil
}

// Add indexes articles a person brought (OriginImport): see AddFrom.
func (ix *Index) Add(ctx context.Context, arts []checker.Article) (AddStats, error) {
	return ix.AddFrom(ctx, OriginImport, arts)
}

// AddFrom indexes articles in batches, recording their origin and
// ingestion time, cleaning what came from outside (see sanitize), deriving
// crisis class, severity, entities, hashtags and regions, and skipping
// articles already indexed (same URL, or same ID when there is no URL).
// It is a Writer given one slice: a crash loses at most the batches in
// flight.
func (ix *Index) AddFrom(ctx context.Context, origin Origin, arts []checker.Article) (AddStats, error) {
	w := ix.NewWriter(origin)
	st, err := w.Add(ctx, arts)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return st, err
}

// Writer adds a stream of articles to the index, as AddFrom does, for an
// input too large to hold: each Add prepares its articles (derivation,
// Bleve's mapping) while the batch before is committed in the background,
// so reading, preparing and committing keep every core busy. It holds the
// index's write lock until Close; at most two batches are in flight (one
// being committed, one waiting for it), which is what a crash can lose.
// A Writer is used by one goroutine.
type Writer struct {
	ix      *Index
	origin  Origin
	commits chan prepared
	done    chan error

	mu  sync.Mutex
	err error // the first commit that failed
	// queued and waiting are the documents of the batches not known to be
	// committed (the one handed over last, the one being prepared): the
	// dedupe must see them, since Bleve does not yet (the batches before
	// are committed when a batch is handed over).
	queued, waiting map[string]bool
	closed          bool
}

// NewWriter starts a stream of additions of the given origin; Close ends it.
func (ix *Index) NewWriter(origin Origin) *Writer {
	ix.writeMu.Lock()
	w := &Writer{ix: ix, origin: origin, commits: make(chan prepared), done: make(chan error, 1),
		queued: map[string]bool{}, waiting: map[string]bool{}}
	go w.commit()
	return w
}

// commit commits the batches handed over, in order, one at a time.
func (w *Writer) commit() {
	ix := w.ix
	var err error
	for p := range w.commits {
		if err != nil {
			continue
		}
		ix.committing.Add(1)
		if err = ix.bleve.Batch(p.batch); err != nil {
			ix.committing.Add(-1)
			err = fmt.Errorf("write batch: %w", err)
			w.mu.Lock()
			w.err = err
			w.mu.Unlock()
			continue
		}
		ix.committed(p)
		if ix.opts.OnCommit != nil && len(p.added) > 0 {
			ix.opts.OnCommit(w.origin, p.added)
		}
	}
	w.done <- err
}

func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Add prepares arts in batches and hands each to the commit in the
// background; it returns once the last is handed over. The counts are of
// what was prepared; an error of a commit is returned by a later Add or
// by Close.
func (w *Writer) Add(ctx context.Context, arts []checker.Article) (AddStats, error) {
	var st AddStats
	if w.closed {
		return st, errors.New("news: add to a closed writer")
	}
	if w.ix.readOnly {
		return st, errReadOnly
	}
	if err := w.ix.der.ready(); err != nil {
		return st, err
	}
	size := w.ix.opts.BatchSize
	for start := 0; start < len(arts); start += size {
		if err := w.failed(); err != nil {
			return st, err
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		p, err := w.ix.prepare(arts[start:min(len(arts), start+size)], w.origin, w.waiting, w.queued, &st)
		if err != nil {
			return st, err
		}
		if p.batch.Size() > 0 {
			w.commits <- p // the batch before is committed now
			w.queued, w.waiting = w.waiting, w.queued
			clear(w.waiting)
		}
	}
	return st, w.failed()
}

// Close waits for the batches handed over to be committed, ends the
// stream and releases the index's write lock. It returns the first error
// of a commit.
func (w *Writer) Close() error {
	if w.closed {
		return w.failed()
	}
	w.closed = true
	close(w.commits)
	err := <-w.done
	w.ix.writeMu.Unlock()
	return err
}

// prepared is a batch ready to commit and what the crisis list gains
// once it is committed.
type prepared struct {
	batch  *bleve.Batch
	crises []crisisEntry
	// sources are the crises' stored JSON, for the snapshot.
	sources []crisisSource
	latest  time.Time
	added   []checker.Article // for Options.OnCommit
	docs    []addedDoc        // for the mention cache
}

// prepare derives and maps one chunk, skipping invalid articles and
// duplicates: of the index, of the batch handed over but maybe not yet
// committed (queued), and of earlier articles of the chunk (seen, which
// gains the chunk's).
func (ix *Index) prepare(in []checker.Article, origin Origin, seen, queued map[string]bool, st *AddStats) (prepared, error) {
	now := ix.opts.Now()
	chunk := make([]checker.Article, len(in)) // copies: sanitize and enrich fill them
	clamped := make([]bool, len(in))
	ids := make([]string, 0, len(chunk))
	for i := range in {
		chunk[i] = in[i]
		clamped[i] = sanitize(&chunk[i], now)
		ids = append(ids, docID(&chunk[i]))
	}
	exists, err := ix.existing(ids)
	if err != nil {
		return prepared{}, err
	}
	// Which articles go in is decided in order (the dedupe depends on it);
	// reading them (derive, the stored JSON, Bleve's mapping) is done on
	// every core; the batch is then assembled in order again.
	var todo []int
	for i := range chunk {
		if Validate(&chunk[i]) != nil {
			st.Rejected++
			continue
		}
		id := ids[i]
		if exists[id] || seen[id] || queued[id] {
			st.Duplicates++
			continue
		}
		seen[id] = true
		todo = append(todo, i)
	}
	type read struct {
		classes []checker.CrisisClass
		doc     map[string]interface{}
		mapped  *document.Document
		crisis  crisisEntry
		err     error // the JSON: the article is rejected
		mapErr  error // Bleve's mapping: the batch fails
	}
	reads := make([]read, len(todo))
	mapping := ix.bleve.Mapping()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo)/64)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j := int(next.Add(1) - 1)
				if j >= len(todo) {
					return
				}
				a, r := &chunk[todo[j]], &reads[j]
				var d derived
				r.classes, d = ix.enrich(a)
				if r.doc, r.err = bleveDoc(a, r.classes, origin, ix.legacyDates); r.err != nil {
					continue
				}
				r.mapped = document.NewDocument(ids[todo[j]])
				if ix.dmap == nil || !ix.dmap.mapDoc(r.mapped, r.doc) {
					r.mapErr = mapping.MapDocument(r.mapped, r.doc)
				}
				if len(r.classes) > 0 {
					r.crisis = crisisEntryWith(ix.der, *a, ids[todo[j]], r.classes, d)
				}
			}
		}()
	}
	wg.Wait()
	p := prepared{batch: ix.bleve.NewBatch()}
	for j, i := range todo {
		a, r, id := &chunk[i], &reads[j], ids[i]
		if r.err != nil {
			st.Rejected++
			continue
		}
		if r.mapErr != nil {
			return prepared{}, fmt.Errorf("index article %q: %w", a.ID, r.mapErr)
		}
		if err := p.batch.IndexAdvanced(r.mapped); err != nil {
			return prepared{}, fmt.Errorf("index article %q: %w", a.ID, err)
		}
		classes, doc := r.classes, r.doc
		st.Added++
		keys, _ := doc[fNames].([]string)
		light := *a
		light.Body = ""
		p.docs = append(p.docs, addedDoc{art: light, docID: id, keys: keys, classes: classes})
		if ix.opts.OnCommit != nil {
			p.added = append(p.added, light)
		}
		if clamped[i] {
			st.Clamped++
		}
		if a.Published.After(p.latest) {
			p.latest = a.Published
		}
		if len(classes) > 0 {
			p.crises = append(p.crises, r.crisis)
			if src, ok := doc[fSource].(string); ok {
				p.sources = append(p.sources, crisisSource{id, src})
			}
		}
	}
	return p, nil
}

func newCrisisEntry(dr *deriver, a checker.Article, id string, classes []checker.CrisisClass) crisisEntry {
	return crisisEntryWith(dr, a, id, classes, dr.derive(&a))
}

// crisisEntryWith is newCrisisEntry for an article enrich filled, given
// what enrich's derive read: derive reads the same of the article before
// and after enrich (its text; the language enrich filled is the one derive
// detected; the regions enrich filled are the facts' regions either way).
func crisisEntryWith(dr *deriver, a checker.Article, id string, classes []checker.CrisisClass, d derived) crisisEntry {
	facts := dr.facts(&a, d, classes)
	body := a.Body != ""
	a.Summary, a.Body, a.Score = "", "", 0
	return crisisEntry{art: a, docID: id, classes: classes, keys: nameKeys(a.Entities, a.Hashtags, ""), facts: facts, readBody: body}
}

// committed makes a committed batch visible to the rules: its crisis
// articles join the snapshot, then the crisis list, its articles the names
// followed, and the generation moves on, all at once for readers. The
// snapshot is written first, so a month read from it for a query holds the
// batch or is read again (its epoch moved). Callers hold writeMu.
func (ix *Index) committed(p prepared) {
	ix.saveBatch(p.crises, p.sources, p.latest)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if p.latest.After(ix.latest) {
		ix.latest = p.latest
	}
	if ix.snap != nil {
		ix.crises.onDisk = ix.snap.months()
		for k := range ix.crises.onDisk {
			ix.crises.noteMonth(k)
		}
		ix.crises.epoch++
	}
	ix.crises.add(p.crises)
	ix.mentions.commit(p.docs, ix.gen.Add(1))
	ix.committing.Add(-1)
}

// remember adds crisis articles read from Bleve to the in-memory list.
func (ix *Index) remember(es []crisisEntry, latest time.Time) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if latest.After(ix.latest) {
		ix.latest = latest
	}
	ix.crises.add(es)
}

// existing returns which of ids are already in the index.
func (ix *Index) existing(ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Score = "none"
	res, err := ix.bleve.Search(req)
	if err != nil {
		return nil, fmt.Errorf("dedupe lookup: %w", err)
	}
	for _, h := range res.Hits {
		out[h.ID] = true
	}
	return out, nil
}

// load reads every crisis article and the freshest date from Bleve into
// memory, for an index whose snapshot cannot be written.
func (ix *Index) load() error {
	if _, err := ix.readCrises(time.Time{}, time.Time{}, func(es []crisisEntry, _ []crisisSource) error {
		ix.remember(es, time.Time{})
		return nil
	}); err != nil {
		return err
	}
	latest, err := ix.freshest()
	if err != nil {
		return err
	}
	ix.remember(nil, latest)
	return nil
}

// readCrises reads the crisis articles published in [from, to) from Bleve
// (zero times: every one), in publication order, with their event facts
// left for first use. With fn, each page is handed to it, with the
// articles' stored JSON; without, they are returned.
func (ix *Index) readCrises(from, to time.Time, fn func([]crisisEntry, []crisisSource) error) ([]crisisEntry, error) {
	cq := query.NewTermQuery(anyCrisis)
	cq.SetField(fCrisis)
	var q query.Query = cq
	if !from.IsZero() || !to.IsZero() {
		// The index's own range (the exact key and its hours and days,
		// or Bleve's date field in a legacy index).
		dr, err := ix.publishedRange(from, to, true, false)
		if err != nil {
			return nil, err
		}
		q = query.NewConjunctionQuery([]query.Query{cq, dr})
	}
	var all []crisisEntry
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
		req.Fields = []string{fSource}
		req.SortBy([]string{fPublished, "_id"})
		req.Score = "none"
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil, fmt.Errorf("load crisis articles: %w", err)
		}
		var es []crisisEntry
		var sources []crisisSource
		for _, h := range res.Hits {
			sa, ok := storedFromHit(h.Fields)
			if !ok {
				continue
			}
			if e, ok := ix.entryFromStored(h.ID, sa); ok {
				es = append(es, e)
				sources = append(sources, crisisSource{h.ID, h.Fields[fSource].(string)})
			}
		}
		if fn != nil {
			if err := fn(es, sources); err != nil {
				return nil, err
			}
		} else {
			all = append(all, es...)
		}
		if len(res.Hits) < 10000 {
			return all, nil
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
}

// freshest asks the index for the publication time of its freshest
// article, zero when it is empty.
func (ix *Index) freshest() (time.Time, error) {
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 1, 0, false)
	req.Fields = []string{fSource}
	req.SortBy([]string{"-" + fPublished})
	req.Score = "none"
	res, err := ix.bleve.Search(req)
	if err != nil {
		return time.Time{}, fmt.Errorf("find latest article: %w", err)
	}
	if len(res.Hits) > 0 {
		if a, ok := articleFromHit(res.Hits[0].Fields); ok {
			return a.Published, nil
		}
	}
	return time.Time{}, nil
}

// storedArticle is what the index keeps of an article: everything but the
// body, and every crisis class it was given (the main one is Crisis).
type storedArticle struct {
	checker.Article
	Classes []checker.CrisisClass `json:"classes,omitempty"`
	// Origin is empty for articles indexed before it was recorded; those
	// are never pruned.
	Origin Origin `json:"origin,omitempty"`
}

func storedFromHit(fields map[string]interface{}) (storedArticle, bool) {
	s, ok := fields[fSource].(string)
	if !ok {
		return storedArticle{}, false
	}
	var a storedArticle
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		return storedArticle{}, false
	}
	return a, true
}

func articleFromHit(fields map[string]interface{}) (checker.Article, bool) {
	sa, ok := storedFromHit(fields)
	return sa.Article, ok
}

// Latest returns the publication time of the freshest article, zero when
// the index is empty.
func (ix *Index) Latest() time.Time {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.latest
}

// Count returns how many articles the index holds.
func (ix *Index) Count() (uint64, error) { return ix.bleve.DocCount() }

// Prune deletes the articles the poller fetched (OriginPoll) that were
// published before olderThan, and returns how many went. Imported
// archives and articles sent through the API are never pruned. Latest is
// then recomputed from what the index still holds.
func (ix *Index) Prune(olderThan time.Time) (int, error) {
	if ix.readOnly {
		return 0, errReadOnly
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	dr, err := ix.publishedRange(time.Time{}, olderThan, true, false)
	if err != nil {
		return 0, fmt.Errorf("prune: %w", err)
	}
	polled := query.NewTermQuery(string(OriginPoll))
	polled.SetField(fOrigin)
	q := query.NewConjunctionQuery([]query.Query{dr, polled})
	n := 0
	gone := map[string]bool{}
	for {
		req := bleve.NewSearchRequestOptions(q, 5000, 0, false)
		req.Score = "none"
		res, err := ix.bleve.Search(req)
		if err != nil {
			return n, fmt.Errorf("prune: %w", err)
		}
		if len(res.Hits) == 0 {
			break
		}
		b := ix.bleve.NewBatch()
		for _, h := range res.Hits {
			b.Delete(h.ID)
			gone[h.ID] = true
		}
		if err := ix.bleve.Batch(b); err != nil {
			return n, fmt.Errorf("prune: %w", err)
		}
		n += len(res.Hits)
	}
	if n == 0 {
		return 0, nil
	}
	latest, err := ix.freshest()
	ix.mu.Lock()
	ix.crises.drop(gone)
	ix.mentions.drop(gone, ix.gen.Add(1))
	if err == nil {
		ix.latest = latest
	}
	ix.mu.Unlock()
	ids := make([]string, 0, len(gone))
	for id := range gone {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	ix.dropFromSnapshot(ids)
	return n, err
}
