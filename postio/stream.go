package postio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/preflight-dev/preflight/checker"
)

// MaxRecord bounds one line of a streamed JSONL input: a longer line is
// reported as a record error and skipped, never buffered whole.
const MaxRecord = 1 << 20

// sniffBytes is how much of an input Stream looks at to recognise its
// format when neither the options nor the name say.
const sniffBytes = 64 << 10

// Stream reads the input named name record by record and hands each record
// to yield in input order, stopping early when yield returns false. JSONL
// is read a line at a time, so a batch of any length is read in constant
// memory; a JSON array, a CSV (whose date order is decided from all its
// dates) and a one-post text are read whole, up to MaxInput, as ReadWith
// reads them. It returns an error only when the input cannot be read at
// all; problems with single records are in Record.Err.
func Stream(r io.Reader, name string, opts Options, yield func(Record) bool) error {
	br := bufio.NewReaderSize(r, sniffBytes)
	f := opts.Format
	if f == "" || f == FormatAuto {
		f = DetectFormat(name)
	}
	if f == FormatAuto {
		head, err := br.Peek(sniffBytes)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return fmt.Errorf("%s: %w", name, err)
		}
		f = Sniff(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	}
	if f != FormatJSONL {
		opts.Format = f
		recs, err := ReadWith(br, name, opts)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if !yield(rec) {
				return nil
			}
		}
		return nil
	}
	return streamJSONL(br, name, yield)
}

// streamJSONL reads JSONL a line at a time; each record owns a copy of its
// line.
func streamJSONL(br *bufio.Reader, name string, yield func(Record) bool) error {
	for line := 1; ; line++ {
		l, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A long line: gather it up to MaxRecord, then skip the rest.
			buf := append([]byte(nil), l...)
			for errors.Is(err, bufio.ErrBufferFull) && len(buf) <= MaxRecord {
				l, err = br.ReadSlice('\n')
				buf = append(buf, l...)
			}
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if len(buf) > MaxRecord {
				rec := Record{Line: line, Err: checker.Errorf(checker.ECodeTooLarge, "", "line longer than %d KiB; one post a line", MaxRecord>>10)}
				rec.Err = atLine(rec.Err, line)
				if !yield(rec) {
					return nil
				}
				if err != nil && !errors.Is(err, io.EOF) {
					return fmt.Errorf("%s: %w", name, err)
				}
				if errors.Is(err, io.EOF) {
					return nil
				}
				continue
			}
			l = buf
		} else if len(l) > 0 {
			l = bytes.Clone(l)
		}
		if line == 1 {
			l = bytes.TrimPrefix(l, []byte("\xef\xbb\xbf"))
		}
		if len(l) > 0 {
			if rec, ok := jsonlRecord(bytes.TrimSuffix(l, []byte("\n")), line); ok && !yield(rec) {
				return nil
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
}
