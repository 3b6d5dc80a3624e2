package news

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// How the index keeps publication times and severities. Bleve's date and
// numeric fields write 16 terms a value (one per 4 bits of precision);
// for the publication time most of them are unique, and they were the
// largest single cost of ingestion. Instead an article carries keyword
// terms:
//
//   - fPublished: the exact time as a sortable key (timeKey), one term,
//     with doc values for sorting;
//   - fPeriod: its hour ("h" + hourKey) and its day ("d" + dayKey), terms
//     that thousands of articles share;
//   - fSeverity: the severity as a sortable key (severityKey), asked as
//     the range of keys from the least severity wanted.
//
// A range of times is asked as the days it covers whole, the hours it
// covers whole at either side of them, and the exact keys of the hours it
// only cuts into (publishedRange), so it finds exactly the articles the
// date field's range found, reading at most two hours of exact keys.
//
// An index created before this layout keeps Bleve's date and numeric
// fields in its stored mapping; it is read and written as it is
// (Index.legacyDates).

// Bucket sizes, in nanoseconds.
const (
	hourNanos = int64(time.Hour)
	dayNanos  = 24 * hourNanos
)

// timeKey is t as a fixed-width key whose byte order is time order: the
// Unix nanoseconds with the sign bit flipped, in hex. ok is false for
// times outside int64 nanoseconds (before 1678 or after 2261), which Bleve's
// date field could not index either.
func timeKey(t time.Time) (key string, ok bool) {
	if !representable(t) {
		return "", false
	}
	return nanosKey(t.UnixNano()), true
}

func nanosKey(ns int64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(ns)^(1<<63))
	return hex.EncodeToString(b[:])
}

// severityKey is f as a fixed-width key whose byte order is numeric order
// (the IEEE 754 bits, negatives reversed, the sign bit flipped).
func severityKey(f float64) string {
	bits := math.Float64bits(f)
	if bits>>63 == 1 {
		bits = ^bits
	} else {
		bits |= 1 << 63
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], bits)
	return hex.EncodeToString(b[:])
}

// severityAtLeast asks for the articles of severity min or more. Like
// publishedRange it only filters.
func (ix *Index) severityAtLeast(min float64) query.Query {
	if ix.legacyDates {
		q := query.NewNumericRangeQuery(&min, nil)
		q.SetField(fSeverity)
		return unscored{q}
	}
	yes := true
	q := query.NewTermRangeInclusiveQuery(severityKey(min), "", &yes, nil)
	q.SetField(fSeverity)
	return unscored{q}
}

// bucketKey is a bucket number (an hour or a day since 1970) as a
// fixed-width key in the same order, behind its prefix.
func bucketKey(prefix string, n int64) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(int32(n))^(1<<31))
	return prefix + hex.EncodeToString(b[:])
}

// periodKeys are the coarse terms of a publication time: its hour and day.
func periodKeys(ns int64) []string {
	return []string{bucketKey("h", floorDiv(ns, hourNanos)), bucketKey("d", floorDiv(ns, dayNanos))}
}

var (
	minNanosTime = time.Unix(0, math.MinInt64)
	maxNanosTime = time.Unix(0, math.MaxInt64)
)

func representable(t time.Time) bool { return !t.Before(minNanosTime) && !t.After(maxNanosTime) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// bucketSpan is the first and last nanosecond of bucket n of the given
// size, cut to what int64 nanoseconds hold.
func bucketSpan(n, size int64) (first, last int64) {
	if n <= floorDiv(math.MinInt64, size) {
		first = math.MinInt64
	} else {
		first = n * size
	}
	if n >= floorDiv(math.MaxInt64, size) {
		last = math.MaxInt64
	} else {
		last = n*size + size - 1
	}
	return first, last
}

// publishedRange asks for the articles published between start and end
// (a zero time leaves that side open), with the bounds included as said:
// the semantics of Bleve's date range query on the publication time. It
// does not score: the time only filters, so the order of results comes
// from the other clauses and then recency. Like Bleve's date range, it
// fails for a bound that RFC 3339 queries cannot state (before December
// 1677 or after April 2262).
func (ix *Index) publishedRange(start, end time.Time, inclusiveStart, inclusiveEnd bool) (query.Query, error) {
	for _, t := range []time.Time{start, end} {
		if !t.IsZero() && (t.Before(query.MinRFC3339CompatibleTime) || t.After(query.MaxRFC3339CompatibleTime)) {
			return nil, fmt.Errorf("invalid/unsupported date range: %v", t)
		}
	}
	if ix.legacyDates {
		q := query.NewDateRangeInclusiveQuery(start, end, &inclusiveStart, &inclusiveEnd)
		q.SetField(fPublished)
		return unscored{q}, nil
	}
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !start.IsZero() {
		lo = start.UnixNano()
		if !inclusiveStart {
			lo++
		}
	}
	if !end.IsZero() {
		hi = end.UnixNano()
		if !inclusiveEnd {
			hi--
		}
	}
	if lo > hi {
		return query.NewMatchNoneQuery(), nil
	}
	parts := coverNanos(lo, hi)
	if len(parts) == 1 {
		return unscored{parts[0]}, nil
	}
	return unscored{query.NewDisjunctionQuery(parts)}, nil
}

// coverNanos covers the nanoseconds lo..hi (inclusive, lo <= hi) with
// keyword ranges: exact keys in the hours it cuts into, then whole hours,
// then whole days.
func coverNanos(lo, hi int64) []query.Query {
	whole := func(n int64) bool {
		first, last := bucketSpan(n, hourNanos)
		return first >= lo && last <= hi
	}
	hLo, hHi := floorDiv(lo, hourNanos), floorDiv(hi, hourNanos)
	if hLo == hHi {
		if whole(hLo) {
			return []query.Query{periodRange("h", hLo, hLo)}
		}
		return []query.Query{exactRange(lo, hi)}
	}
	var parts []query.Query
	a, b := hLo, hHi
	if !whole(hLo) {
		_, last := bucketSpan(hLo, hourNanos)
		parts = append(parts, exactRange(lo, last))
		a++
	}
	if !whole(hHi) {
		first, _ := bucketSpan(hHi, hourNanos)
		parts = append(parts, exactRange(first, hi))
		b--
	}
	if a > b {
		return parts
	}
	// Whole days among the hours a..b, and the hours either side.
	dA, dB := -floorDiv(-a, 24), floorDiv(b+1, 24)-1
	if dA > dB {
		return append(parts, periodRange("h", a, b))
	}
	if a < dA*24 {
		parts = append(parts, periodRange("h", a, dA*24-1))
	}
	parts = append(parts, periodRange("d", dA, dB))
	if (dB+1)*24 <= b {
		parts = append(parts, periodRange("h", (dB+1)*24, b))
	}
	return parts
}

func exactRange(lo, hi int64) query.Query {
	yes := true
	q := query.NewTermRangeInclusiveQuery(nanosKey(lo), nanosKey(hi), &yes, &yes)
	q.SetField(fPublished)
	return q
}

func periodRange(prefix string, a, b int64) query.Query {
	if a == b {
		q := query.NewTermQuery(bucketKey(prefix, a))
		q.SetField(fPeriod)
		return q
	}
	yes := true
	q := query.NewTermRangeInclusiveQuery(bucketKey(prefix, a), bucketKey(prefix, b), &yes, &yes)
	q.SetField(fPeriod)
	return q
}

// unscored is a query that only filters: its searcher runs without
// scoring and adds nothing to a conjunction's score or query norm, while
// still leading the conjunction when it matches the fewest documents.
type unscored struct{ query.Query }

func (u unscored) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.Score, options.Explain, options.IncludeTermVectors = "none", false, false
	s, err := u.Query.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return weightless{s}, nil
}

// weightless is a searcher whose matches score zero and weigh nothing.
type weightless struct{ search.Searcher }

func (weightless) Weight() float64      { return 0 }
func (weightless) SetQueryNorm(float64) {}
