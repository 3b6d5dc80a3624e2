package news

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestReadAheadSameAsReadEach: ReadAhead hands fn the chunks and problems
// ReadEach hands it, in the same order.
func TestReadAheadSameAsReadEach(t *testing.T) {
	var in strings.Builder
	for i := range 1000 {
		if i%97 == 5 {
			in.WriteString("{not json\n")
			continue
		}
		fmt.Fprintf(&in, `{"id":"%d","title":"Council meets, item %d","published":"2026-03-01T10:00:00Z"}`+"\n", i, i)
	}
	collect := func(read func(fn func([]checker.Article, []Problem) error) (Format, error)) []string {
		var got []string
		format, err := read(func(as []checker.Article, ps []Problem) error {
			got = append(got, fmt.Sprintf("chunk of %d", len(as)))
			for _, a := range as {
				got = append(got, a.ID)
			}
			for _, p := range ps {
				got = append(got, p.Where()+": "+p.Message)
			}
			return nil
		})
		if err != nil || format != FormatJSONL {
			t.Fatalf("format %q, error %v", format, err)
		}
		return got
	}
	want := collect(func(fn func([]checker.Article, []Problem) error) (Format, error) {
		return ReadEach(strings.NewReader(in.String()), 64, fn)
	})
	got := collect(func(fn func([]checker.Article, []Problem) error) (Format, error) {
		return ReadAhead(strings.NewReader(in.String()), 64, fn)
	})
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ReadAhead handed %d items, ReadEach %d; first difference at %d", len(got), len(want), firstDiff(got, want))
	}
	if len(want) < 1000 {
		t.Fatalf("only %d items read", len(want))
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestReadAheadStops: an error from fn stops the reading, is returned, and
// fn is not called again.
func TestReadAheadStops(t *testing.T) {
	var in strings.Builder
	for i := range 500 {
		fmt.Fprintf(&in, `{"id":"%d","title":"Item %d","published":"2026-03-01"}`+"\n", i, i)
	}
	stop := errors.New("index full")
	calls := 0
	_, err := ReadAhead(strings.NewReader(in.String()), 10, func([]checker.Article, []Problem) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 3 {
		t.Fatalf("error %v after %d calls; want %v after 3", err, calls, stop)
	}
}
