package web

import (
	"bufio"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// DeliveriesFile is the file in the data folder where the hook keeps the
// webhook-ids it has answered, so a retry after a restart gets the same
// answer.
const DeliveriesFile = "hook-deliveries.jsonl"

// delivery is one answered (or in-flight) webhook-id: the hash of the body
// it was signed over and the answer it got.
type delivery struct {
	ID      string          `json:"id"`
	Expires time.Time       `json:"expires"`
	Hash    [32]byte        `json:"hash"`
	Status  int             `json:"status"`
	Body    json.RawMessage `json:"body"`

	done chan struct{} // closed when the answer is in; nil once loaded from disk
}

// deliveryStore remembers each webhook-id's answer until its timestamp
// leaves the tolerance window, so a Standard Webhooks retry (same id, same
// body) is answered with the original result instead of being checked
// again or refused. It is bounded in entries and in answer bytes (the
// oldest go first) and, given a file, appends each answer to it and
// compacts it when it has grown to twice the live entries.
type deliveryStore struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	ids      map[string]*list.Element
	order    *list.List // of *delivery, oldest first

	path    string
	file    *os.File
	written int // lines in the file
	log     *slog.Logger
}

func newDeliveryStore(max, maxBytes int, path string, now time.Time, log *slog.Logger) (*deliveryStore, error) {
	d := &deliveryStore{max: max, maxBytes: maxBytes, ids: map[string]*list.Element{}, order: list.New(), path: path, log: log}
	if path == "" {
		return d, nil
	}
	if err := d.load(now); err != nil {
		return nil, err
	}
	if err := d.compact(); err != nil {
		return nil, err
	}
	return d, nil
}

// load reads the file, keeping the unexpired entries; a damaged line (a
// crash mid-write) is skipped.
func (d *deliveryStore) load(now time.Time) error {
	f, err := os.Open(d.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("hook deliveries: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, int64(2*d.maxBytes)+int64(d.max)*512))
	sc.Buffer(make([]byte, 64<<10), d.maxBytes+4096)
	for sc.Scan() {
		var e delivery
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.ID == "" || !e.Expires.After(now) {
			continue
		}
		d.insert(&e, now)
	}
	return nil
}

// compact rewrites the file with the live entries and reopens it for
// appending.
func (d *deliveryStore) compact() error {
	if d.file != nil {
		d.file.Close()
		d.file = nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(d.path), ".hook-deliveries-*")
	if err != nil {
		return fmt.Errorf("hook deliveries: %w", err)
	}
	w := bufio.NewWriter(tmp)
	n := 0
	for e := d.order.Front(); e != nil; e = e.Next() {
		if ent := e.Value.(*delivery); ent.done == nil {
			b, _ := json.Marshal(ent)
			w.Write(append(b, '\n'))
			n++
		}
	}
	if err := errors.Join(w.Flush(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("hook deliveries: %w", err)
	}
	if err := os.Rename(tmp.Name(), d.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("hook deliveries: %w", err)
	}
	d.file, err = os.OpenFile(d.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("hook deliveries: %w", err)
	}
	d.written = n
	return nil
}

// insert adds e, dropping expired entries and, over the bounds, the oldest.
// The caller holds mu (or owns d).
func (d *deliveryStore) insert(e *delivery, now time.Time) {
	if old, ok := d.ids[e.ID]; ok {
		d.remove(old)
	}
	d.ids[e.ID] = d.order.PushBack(e)
	d.bytes += len(e.Body)
	for f := d.order.Front(); f != nil && f.Value.(*delivery) != e; f = d.order.Front() {
		ent := f.Value.(*delivery)
		if len(d.ids) <= d.max && d.bytes <= d.maxBytes && ent.Expires.After(now) {
			break
		}
		d.remove(f)
	}
}

// remove drops an entry; a retry waiting on it is woken and finds no answer.
func (d *deliveryStore) remove(el *list.Element) {
	ent := el.Value.(*delivery)
	if ent.done != nil {
		close(ent.done)
		ent.done = nil
	}
	d.order.Remove(el)
	delete(d.ids, ent.ID)
	d.bytes -= len(ent.Body)
}

// begin looks id up. With a live entry it returns it (the caller waits on
// done, then answers with it). Otherwise it reserves id for this delivery
// and returns nil; the caller must then finish or abandon it.
func (d *deliveryStore) begin(id string, hash [32]byte, expires, now time.Time) (existing *delivery) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if el, ok := d.ids[id]; ok {
		ent := el.Value.(*delivery)
		if ent.Expires.After(now) {
			if expires.After(ent.Expires) {
				ent.Expires = expires // a retry keeps the answer for its own window
			}
			return ent
		}
		d.remove(el)
	}
	d.insert(&delivery{ID: id, Expires: expires, Hash: hash, done: make(chan struct{})}, now)
	return nil
}

// answer returns the entry's answer once it is in, or false when ctx ends
// first or the delivery was abandoned.
func (d *deliveryStore) answer(ctx context.Context, e *delivery) (status int, body []byte, ok bool) {
	d.mu.Lock()
	done := e.done
	d.mu.Unlock()
	if done != nil {
		select {
		case <-done:
		case <-ctx.Done():
			return 0, nil, false
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return e.Status, e.Body, e.Status != 0
}

// finish records the answer of a reserved id and persists it.
func (d *deliveryStore) finish(id string, status int, body []byte, now time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	el, ok := d.ids[id]
	if !ok {
		return
	}
	ent := el.Value.(*delivery)
	if ent.done == nil {
		return
	}
	ent.Status, ent.Body = status, append(json.RawMessage(nil), body...)
	d.bytes += len(ent.Body)
	close(ent.done)
	ent.done = nil
	d.insert(ent, now) // re-applies the bounds with the answer's size
	if _, kept := d.ids[id]; !kept {
		return
	}
	d.persist(ent)
}

// abandon forgets a reserved id whose answer should not be kept (a
// server-side failure or a refusal), waking any retry waiting on it.
func (d *deliveryStore) abandon(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	el, ok := d.ids[id]
	if !ok {
		return
	}
	if el.Value.(*delivery).done != nil {
		d.remove(el)
	}
}

// persist appends ent to the file (mu held). A write error is logged, not
// returned: the answer stands, only its survival of a restart is lost.
func (d *deliveryStore) persist(ent *delivery) {
	if d.file == nil {
		return
	}
	b, _ := json.Marshal(ent)
	if _, err := d.file.Write(append(b, '\n')); err != nil {
		d.log.Warn("hook deliveries: cannot record a delivery", "path", d.path, "err", err)
		return
	}
	d.written++
	if d.written > 2*len(d.ids)+1000 {
		if err := d.compact(); err != nil {
			d.log.Warn("hook deliveries: cannot compact", "path", d.path, "err", err)
		}
	}
}

// close closes the file.
func (d *deliveryStore) close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.file == nil {
		return nil
	}
	err := d.file.Close()
	d.file = nil
	return err
}

func (d *deliveryStore) len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.ids)
}

func bodyHash(b []byte) [32]byte { return sha256.Sum256(b) }
