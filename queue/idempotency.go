package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// A client retries a request that queues posts when it did not hear the
// answer (a timeout, a restart, a load balancer sending it to another
// replica). The request carries a key; the store remembers each key with
// the request's hash and the answer, so the retry gets the first answer
// instead of a second run, on whichever replica and after any restart.

// KeyedRequest is what the store remembers of one keyed request.
type KeyedRequest struct {
	// Client is who sent it (an API key's number, the local user): one
	// client's key never answers another's.
	Client string
	Key    string
	// Hash is the hex SHA-256 of the request body: the same key with
	// another body is a client's mistake, not a retry.
	Hash string
	// Done is false while the first request runs; Status and Response are
	// its answer once it is done.
	Done     bool
	Status   int
	Response []byte
	// At is when the request was claimed; the key is forgotten at Expires.
	At, Expires time.Time
}

// IdempotencyStore remembers keyed requests beside the queue, so every
// replica sharing the store and every restart of the service answers a
// retry alike. The SQLite and PostgreSQL stores implement it.
type IdempotencyStore interface {
	// ClaimKey records req (Done false) as the first request with its
	// client and key, unless the store holds a live one: then it returns
	// that and claimed false. A held key whose Expires has passed, or one
	// still running that was claimed before staleBefore (its replica died
	// mid-request), is replaced. It also forgets a bounded number of
	// expired keys.
	ClaimKey(ctx context.Context, req KeyedRequest, staleBefore time.Time) (held KeyedRequest, claimed bool, err error)
	// FinishKey stores the answer to the running request with this client,
	// key and hash.
	FinishKey(ctx context.Context, client, key, hash string, status int, response []byte) error
	// DropKey forgets the running request with this client, key and hash
	// (it failed on the service's side), so a retry runs afresh.
	DropKey(ctx context.Context, client, key, hash string) error
}

// ErrNoIdempotencyStore is returned when the store cannot remember keyed
// requests.
var ErrNoIdempotencyStore = errors.New("this queue store does not remember idempotency keys")

// The defaults for keyed requests.
const (
	// KeyTTL is how long a key is remembered after its request.
	KeyTTL = 24 * time.Hour
	// KeyLease is how long a request may run before another replica takes
	// its key over (its own replica is presumed dead).
	KeyLease = 2 * time.Minute
	// MaxKeyLen bounds a key.
	MaxKeyLen = 200
	// purgeBatch is how many expired keys one claim forgets.
	purgeBatch = 100
)

// RequestHash is the hash a keyed request is remembered by.
func RequestHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// ClaimRequest claims client's key for a request with this body. claimed
// is true when this request is the first (it must then be answered with
// FinishRequest or given up with DropRequest); otherwise held is what the
// store holds for the key: a finished answer, a request still running, or
// one whose Hash differs from RequestHash(body).
func (q *Queue) ClaimRequest(ctx context.Context, client, key string, body []byte) (held KeyedRequest, claimed bool, err error) {
	is, ok := q.store.(IdempotencyStore)
	if !ok {
		return KeyedRequest{}, false, ErrNoIdempotencyStore
	}
	if strings.TrimSpace(key) == "" || len(key) > MaxKeyLen {
		return KeyedRequest{}, false, errors.New("queue: an idempotency key has 1 to 200 characters")
	}
	now := q.now()
	req := KeyedRequest{Client: client, Key: key, Hash: RequestHash(body), At: now, Expires: now.Add(KeyTTL)}
	return is.ClaimKey(ctx, req, now.Add(-KeyLease))
}

// FinishRequest stores the answer to a request this process claimed.
func (q *Queue) FinishRequest(ctx context.Context, client, key string, body []byte, status int, response []byte) error {
	is, ok := q.store.(IdempotencyStore)
	if !ok {
		return ErrNoIdempotencyStore
	}
	return is.FinishKey(ctx, client, key, RequestHash(body), status, response)
}

// DropRequest forgets a claimed request that failed on the service's side.
func (q *Queue) DropRequest(ctx context.Context, client, key string, body []byte) error {
	is, ok := q.store.(IdempotencyStore)
	if !ok {
		return ErrNoIdempotencyStore
	}
	return is.DropKey(ctx, client, key, RequestHash(body))
}

// RemembersRequests reports whether the store keeps idempotency keys.
func (q *Queue) RemembersRequests() bool {
	_, ok := q.store.(IdempotencyStore)
	return ok
}
