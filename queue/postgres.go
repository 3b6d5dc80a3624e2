package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgMigrations are the PostgreSQL schema's versions, applied in order at
// open under the component "queue" (see MigratePostgres); a released step
// is never edited, only followed by a new one. The columns mirror the
// SQLite schema so both stores answer the same filters the same way.
var pgMigrations = []string{
	// 1: queued posts and the audit log.
	`CREATE TABLE posts (
		id           TEXT PRIMARY KEY,
		scheduled_at TIMESTAMPTZ NOT NULL,
		brand        TEXT NOT NULL DEFAULT '',
		regions      TEXT NOT NULL DEFAULT '',
		status       TEXT NOT NULL,
		verdict      TEXT NOT NULL DEFAULT '',
		entry        JSON NOT NULL,
		updated_at   TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX posts_due ON posts (status, scheduled_at);
	CREATE TABLE audit (
		seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		at      TIMESTAMPTZ NOT NULL,
		post_id TEXT NOT NULL,
		verdict TEXT NOT NULL DEFAULT '',
		record  JSON NOT NULL
	);
	CREATE INDEX audit_post ON audit (post_id, seq);
	CREATE INDEX audit_at ON audit (at);`,
	// 2: crises and suppressions, as in SQLite.
	`CREATE TABLE crises (
		id         TEXT PRIMARY KEY,
		status     TEXT NOT NULL,
		created_at TIMESTAMPTZ NOT NULL,
		crisis     JSON NOT NULL
	);
	CREATE INDEX crises_status ON crises (status, created_at);
	CREATE TABLE suppressions (
		post_id TEXT NOT NULL,
		rule    TEXT NOT NULL,
		until   TIMESTAMPTZ NOT NULL,
		record  JSON NOT NULL,
		PRIMARY KEY (post_id, rule)
	);`,
	// 3: idempotency keys of requests that queue posts, as in SQLite.
	`CREATE TABLE idempotency (
		client     TEXT NOT NULL,
		idem_key   TEXT NOT NULL,
		hash       TEXT NOT NULL,
		status     INTEGER,
		response   BYTEA,
		claimed_at TIMESTAMPTZ NOT NULL,
		expires_at TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (client, idem_key)
	);
	CREATE INDEX idempotency_expires ON idempotency (expires_at);`,
}

// Postgres is the store replicas share: the same tables and semantics as
// SQLite, in a PostgreSQL database. Changes lock the rows they read (SELECT
// … FOR UPDATE), so two replicas changing one post never lose an update.
type Postgres struct {
	pool *pgxpool.Pool
}

// OpenPostgres connects to the database at url (postgres://…) and brings
// its schema up to date.
func OpenPostgres(ctx context.Context, url string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("queue: store URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("queue: %s: %w", redact(url), err)
	}
	if err := MigratePostgres(ctx, pool, "queue", pgMigrations); err != nil {
		pool.Close()
		return nil, fmt.Errorf("queue: %s: %w", redact(url), err)
	}
	return &Postgres{pool: pool}, nil
}

// redact drops the password from a connection URL for error messages.
func redact(url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "the store URL"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}

// Pool is the store's connection pool, for packages that keep their own
// tables in the same database (the news archive).
func (s *Postgres) Pool() *pgxpool.Pool { return s.pool }

// Close closes every connection.
func (s *Postgres) Close() error {
	s.pool.Close()
	return nil
}

// MigratePostgres applies the steps of one component's schema that the
// database has not seen, each in its own transaction, and records them in
// schema_migrations. Replicas starting together wait for each other on an
// advisory lock, so each step runs once.
func MigratePostgres(ctx context.Context, pool *pgxpool.Pool, component string, steps []string) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	key := lockKey("preflight.migrate")
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		component TEXT NOT NULL, version INTEGER NOT NULL, applied TIMESTAMPTZ NOT NULL DEFAULT now(),
		PRIMARY KEY (component, version))`); err != nil {
		return err
	}
	var v int
	if err := conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE component = $1`, component).Scan(&v); err != nil {
		return err
	}
	if v > len(steps) {
		return fmt.Errorf("%s schema version %d is newer than this Preflight knows (%d): upgrade Preflight", component, v, len(steps))
	}
	for i := v; i < len(steps); i++ {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, steps[i]); err != nil {
				return fmt.Errorf("%s migration %d: %w", component, i+1, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (component, version) VALUES ($1, $2)`, component, i+1)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// lockKey maps a lock's name to PostgreSQL's 64-bit advisory lock key.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64())
}

const pgUpsert = `INSERT INTO posts (id, scheduled_at, brand, regions, status, verdict, entry, updated_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
	ON CONFLICT (id) DO UPDATE SET scheduled_at=excluded.scheduled_at, brand=excluded.brand, regions=excluded.regions,
		status=excluded.status, verdict=excluded.verdict, entry=excluded.entry, updated_at=excluded.updated_at`

const pgAppend = `INSERT INTO audit (at, post_id, verdict, record) VALUES ($1, $2, $3, $4)`

// queuePut adds an entry's upsert to a batch.
func queuePut(b *pgx.Batch, e Entry) error {
	raw, err := json.Marshal(e)
	if err != nil {
		return err
	}
	b.Queue(pgUpsert, e.ID, e.Post.ScheduledAt, strings.ToLower(e.Post.Brand), regionKey(e.Post.Regions),
		string(e.Status), string(e.Verdict), string(raw), e.UpdatedAt)
	return nil
}

// queueAppend adds an audit record's insert to a batch.
func queueAppend(b *pgx.Batch, r AuditRecord) error {
	r.Seq = 0
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	b.Queue(pgAppend, r.At, r.PostID, string(r.Verdict), string(raw))
	return nil
}

// pgBatchMax bounds the statements sent in one round trip.
const pgBatchMax = 1000

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Postgres) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// sendBatch runs a batch's statements and reports the first error.
func sendBatch(ctx context.Context, tx pgx.Tx, b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

// Put inserts or replaces entries in one transaction.
func (s *Postgres) Put(ctx context.Context, es []Entry) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, e := range es {
			if err := queuePut(b, e); err != nil {
				return err
			}
			if b.Len() == pgBatchMax {
				if err := sendBatch(ctx, tx, b); err != nil {
					return err
				}
				b = &pgx.Batch{}
			}
		}
		return sendBatch(ctx, tx, b)
	})
}

// Get returns one entry.
func (s *Postgres) Get(ctx context.Context, id string) (Entry, error) {
	var raw []byte
	err := s.pool.QueryRow(ctx, `SELECT entry::text FROM posts WHERE id = $1`, id).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return Entry{}, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if err != nil {
		return Entry{}, err
	}
	var e Entry
	return e, json.Unmarshal(raw, &e)
}

// List returns the entries the filter selects, by scheduled time.
func (s *Postgres) List(ctx context.Context, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if len(f.Statuses) > 0 {
		sts := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			sts[i] = string(st)
		}
		where = append(where, "status = ANY("+arg(sts)+")")
	}
	if f.Brand != "" {
		where = append(where, "brand = "+arg(strings.ToLower(f.Brand)))
	}
	if f.Region != "" {
		where = append(where, "(regions = '' OR strpos(regions, "+arg(","+strings.ToUpper(f.Region)+",")+") > 0)")
	}
	if !f.From.IsZero() {
		where = append(where, "scheduled_at >= "+arg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "scheduled_at < "+arg(f.To))
	}
	q := `SELECT entry::text FROM posts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY scheduled_at, id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return pgRecords[Entry](ctx, s.pool, q, args...)
}

// Update changes one entry and appends its audit record in one transaction.
func (s *Postgres) Update(ctx context.Context, id string, fn func(*Entry) (AuditRecord, error)) (Entry, error) {
	es, err := s.UpdateMany(ctx, []string{id}, fn)
	if err != nil {
		return Entry{}, err
	}
	return es[0], nil
}

// UpdateMany changes several entries, each with its audit record, in one
// transaction. It locks the rows first (in id order, so two replicas
// locking overlapping sets cannot deadlock); a replica changing the same
// posts waits for the commit and then reads the new state.
func (s *Postgres) UpdateMany(ctx context.Context, ids []string, fn func(*Entry) (AuditRecord, error)) ([]Entry, error) {
	out := make([]Entry, 0, len(ids))
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		out = out[:0]
		rows, err := tx.Query(ctx, `SELECT id, entry::text FROM posts WHERE id = ANY($1) ORDER BY id FOR UPDATE`, ids)
		if err != nil {
			return err
		}
		cur := make(map[string]Entry, len(ids))
		for rows.Next() {
			var id string
			var raw []byte
			if err := rows.Scan(&id, &raw); err != nil {
				rows.Close()
				return err
			}
			var e Entry
			if err := json.Unmarshal(raw, &e); err != nil {
				rows.Close()
				return fmt.Errorf("post %q: %w", id, err)
			}
			cur[id] = e
		}
		if err := rows.Err(); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for _, id := range ids {
			e, ok := cur[id]
			if !ok {
				return fmt.Errorf("%w: %q", ErrNotFound, id)
			}
			rec, err := fn(&e)
			if err != nil {
				return err
			}
			cur[id] = e // an id given twice sees its first change, as in SQLite
			if err := queuePut(b, e); err != nil {
				return err
			}
			if err := queueAppend(b, rec); err != nil {
				return err
			}
			out = append(out, e)
			if b.Len() >= pgBatchMax {
				if err := sendBatch(ctx, tx, b); err != nil {
					return err
				}
				b = &pgx.Batch{}
			}
		}
		return sendBatch(ctx, tx, b)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Append adds audit records; the log is never rewritten.
func (s *Postgres) Append(ctx context.Context, recs []AuditRecord) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, r := range recs {
			if err := queueAppend(b, r); err != nil {
				return err
			}
			if b.Len() == pgBatchMax {
				if err := sendBatch(ctx, tx, b); err != nil {
					return err
				}
				b = &pgx.Batch{}
			}
		}
		return sendBatch(ctx, tx, b)
	})
}

// Audit returns the records the filter selects, oldest first.
func (s *Postgres) Audit(ctx context.Context, f AuditFilter) ([]AuditRecord, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Seq > 0 {
		where = append(where, "seq = "+arg(f.Seq))
	}
	if f.PostID != "" {
		where = append(where, "post_id = "+arg(f.PostID))
	}
	if f.Verdict != "" {
		where = append(where, "verdict = "+arg(string(f.Verdict)))
	}
	if !f.From.IsZero() {
		where = append(where, "at >= "+arg(f.From))
	}
	if !f.To.IsZero() {
		where = append(where, "at < "+arg(f.To))
	}
	q := `SELECT seq, record::text FROM audit`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY seq"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditRecord
	for rows.Next() {
		var seq int64
		var raw []byte
		if err := rows.Scan(&seq, &raw); err != nil {
			return nil, err
		}
		var r AuditRecord
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, err
		}
		r.Seq = seq
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveCrisis inserts or replaces a crisis.
func (s *Postgres) SaveCrisis(ctx context.Context, c Crisis) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO crises (id, status, created_at, crisis) VALUES ($1, $2, $3, $4)
		ON CONFLICT (id) DO UPDATE SET status = excluded.status, crisis = excluded.crisis`, c.ID, string(c.Status), c.CreatedAt, string(b))
	return err
}

// GetCrisis returns one crisis.
func (s *Postgres) GetCrisis(ctx context.Context, id string) (Crisis, error) {
	var raw []byte
	err := s.pool.QueryRow(ctx, `SELECT crisis::text FROM crises WHERE id = $1`, id).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return Crisis{}, fmt.Errorf("%w: no crisis %q", ErrNotFound, id)
	}
	if err != nil {
		return Crisis{}, err
	}
	var c Crisis
	return c, json.Unmarshal(raw, &c)
}

// Crises lists crises, newest first, at most maxCrisesListed.
func (s *Postgres) Crises(ctx context.Context, withEnded bool) ([]Crisis, error) {
	q := `SELECT crisis::text FROM crises`
	if !withEnded {
		q += ` WHERE status != 'ended'`
	}
	q += fmt.Sprintf(` ORDER BY created_at DESC, id LIMIT %d`, maxCrisesListed)
	return pgRecords[Crisis](ctx, s.pool, q)
}

// SaveSuppression inserts a suppression, replacing one for the same post
// and rule.
func (s *Postgres) SaveSuppression(ctx context.Context, sp Suppression) error {
	b, err := json.Marshal(sp)
	if err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, `INSERT INTO suppressions (post_id, rule, until, record) VALUES ($1, $2, $3, $4)
		ON CONFLICT (post_id, rule) DO UPDATE SET until = excluded.until, record = excluded.record`, sp.PostID, sp.Rule, sp.Until, string(b))
	return err
}

// Suppressions lists a post's suppressions, or all for postID "".
func (s *Postgres) Suppressions(ctx context.Context, postID string) ([]Suppression, error) {
	if postID == "" {
		return pgRecords[Suppression](ctx, s.pool, `SELECT record::text FROM suppressions ORDER BY post_id, rule`)
	}
	return pgRecords[Suppression](ctx, s.pool, `SELECT record::text FROM suppressions WHERE post_id = $1 ORDER BY rule`, postID)
}

// ClaimKey claims a request's key unless a live request holds it. Two
// replicas claiming one key at once are serialised by the key's row: the
// upsert locks it, so exactly one claims and the other reads its claim.
func (s *Postgres) ClaimKey(ctx context.Context, req KeyedRequest, staleBefore time.Time) (held KeyedRequest, claimed bool, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, purgeKeysSQL, req.At, purgeBatch); err != nil {
			return err
		}
		var h string
		err := tx.QueryRow(ctx, claimKeySQL, req.Client, req.Key, req.Hash, req.At, req.Expires, staleBefore).Scan(&h)
		if err == nil {
			claimed = true
			return nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var status *int32
		held = KeyedRequest{Client: req.Client, Key: req.Key}
		if err := tx.QueryRow(ctx, heldKeySQL, req.Client, req.Key).Scan(&held.Hash, &status, &held.Response, &held.At, &held.Expires); err != nil {
			return err
		}
		if status != nil {
			held.Done, held.Status = true, int(*status)
		}
		held.At, held.Expires = held.At.UTC(), held.Expires.UTC()
		return nil
	})
	if err != nil {
		return KeyedRequest{}, false, fmt.Errorf("queue: idempotency key: %w", err)
	}
	return held, claimed, nil
}

// FinishKey stores the answer to a running keyed request.
func (s *Postgres) FinishKey(ctx context.Context, client, key, hash string, status int, response []byte) error {
	_, err := s.pool.Exec(ctx, finishKeySQL, client, key, hash, status, response)
	return err
}

// DropKey forgets a running keyed request.
func (s *Postgres) DropKey(ctx context.Context, client, key, hash string) error {
	_, err := s.pool.Exec(ctx, dropKeySQL, client, key, hash)
	return err
}

// pgRecords runs a query whose one column is a JSON record and decodes each.
func pgRecords[T any](ctx context.Context, pool *pgxpool.Pool, q string, args ...any) ([]T, error) {
	rows, err := pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// compile-time checks.
var (
	_ Store            = (*Postgres)(nil)
	_ CrisisStore      = (*Postgres)(nil)
	_ SuppressionStore = (*Postgres)(nil)
	_ IdempotencyStore = (*Postgres)(nil)
)

// PostgresLeader elects the one replica that runs the re-check, with a
// session-level advisory lock held on a connection of its own: when the
// leading replica dies its session ends, PostgreSQL frees the lock, and the
// next replica to try takes over.
type PostgresLeader struct {
	url string
	key int64
	// CheckEvery is how often a leader checks that its lock's session
	// lives (default one second).
	CheckEvery time.Duration
}

// NewPostgresLeader returns a leader election over the database at url
// for the named duty ("recheck").
func NewPostgresLeader(url, duty string) *PostgresLeader {
	return &PostgresLeader{url: url, key: lockKey("preflight.lead." + duty), CheckEvery: time.Second}
}

// TryLead takes the lead if no other replica holds it, without waiting.
// release gives the lead up (and closes the lock's connection); it is safe
// to call more than once. ok is false, with no error, when another replica
// leads.
func (l *PostgresLeader) TryLead(ctx context.Context) (release func(), ok bool, err error) {
	_, release, ok, err = l.Lead(ctx)
	return release, ok, err
}

// Lead is TryLead that also returns a context that ends when the lead is
// lost: ctx ends, release is called, or the lock's session fails a check
// (every l.CheckEvery), as when the database restarts or the network
// parts. Work done as leader should run under it, so a replica that lost
// the lead stops within CheckEvery of losing it.
func (l *PostgresLeader) Lead(ctx context.Context) (leading context.Context, release func(), ok bool, err error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, l.url)
	if err != nil {
		return nil, nil, false, fmt.Errorf("queue: leader: %w", err)
	}
	if err := conn.QueryRow(cctx, `SELECT pg_try_advisory_lock($1)`, l.key).Scan(&ok); err != nil || !ok {
		conn.Close(context.WithoutCancel(ctx))
		if err != nil {
			return nil, nil, false, fmt.Errorf("queue: leader: %w", err)
		}
		return nil, nil, false, nil
	}
	every := l.CheckEvery
	if every <= 0 {
		every = time.Second
	}
	leading, lost := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { // the only user of conn until release
		defer close(stopped)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-leading.Done():
				return
			case <-t.C:
				pctx, cancel := context.WithTimeout(leading, every)
				err := conn.Ping(pctx)
				cancel()
				if err != nil {
					lost()
					return
				}
			}
		}
	}()
	var once sync.Once
	return leading, func() {
		once.Do(func() {
			lost()
			<-stopped
			// Closing the session frees the lock even when the unlock fails.
			uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			conn.Exec(uctx, `SELECT pg_advisory_unlock($1)`, l.key)
			conn.Close(uctx)
		})
	}, true, nil
}
