package queue

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver: no cgo, one binary
)

// migrations are the schema's versions, applied in order at open and
// recorded in schema_version; a released migration is never edited, only
// followed by a new one.
var migrations = []string{
	// 1: queued posts and the audit log.
	`CREATE TABLE posts (
		id           TEXT PRIMARY KEY,
		scheduled_at INTEGER NOT NULL,
		brand        TEXT NOT NULL DEFAULT '',
		regions      TEXT NOT NULL DEFAULT '',
		status       TEXT NOT NULL,
		verdict      TEXT NOT NULL DEFAULT '',
		entry        TEXT NOT NULL,
		updated_at   INTEGER NOT NULL
	);
	CREATE INDEX posts_due ON posts (status, scheduled_at);
	CREATE TABLE audit (
		seq     INTEGER PRIMARY KEY AUTOINCREMENT,
		at      INTEGER NOT NULL,
		post_id TEXT NOT NULL,
		verdict TEXT NOT NULL DEFAULT '',
		record  TEXT NOT NULL
	);
	CREATE INDEX audit_post ON audit (post_id, seq);
	CREATE INDEX audit_at ON audit (at);`,
	// 2: crises and suppressions.
	`CREATE TABLE crises (
		id         TEXT PRIMARY KEY,
		status     TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		crisis     TEXT NOT NULL
	);
	CREATE INDEX crises_status ON crises (status, created_at);
	CREATE TABLE suppressions (
		post_id TEXT NOT NULL,
		rule    TEXT NOT NULL,
		until   INTEGER NOT NULL,
		record  TEXT NOT NULL,
		PRIMARY KEY (post_id, rule)
	);`,
	// 3: idempotency keys of requests that queue posts (see ClaimKey).
	`CREATE TABLE idempotency (
		client     TEXT NOT NULL,
		idem_key   TEXT NOT NULL,
		hash       TEXT NOT NULL,
		status     INTEGER,
		response   BLOB,
		claimed_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL,
		PRIMARY KEY (client, idem_key)
	);
	CREATE INDEX idempotency_expires ON idempotency (expires_at);`,
}

// SQLite is the embedded store: one file in the data folder, WAL mode so
// readers do not wait for the writer.
type SQLite struct {
	db *sql.DB
}

// OpenSQLite opens (creating if needed) the queue database at path and
// brings its schema up to date.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	// Transactions take the write lock when they begin (_txlock=immediate):
	// a deferred one that upgrades to a write fails at once with
	// SQLITE_BUSY, busy_timeout notwithstanding, when another process (the
	// CLI beside serve) writes the same file.
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("queue: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises writes anyway
	s := &SQLite{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("queue: %s: %w", path, err)
	}
	return s, nil
}

func (s *SQLite) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this Preflight knows (%d): upgrade Preflight", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, i+1); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }

// Put inserts or replaces entries in one transaction.
func (s *SQLite) Put(ctx context.Context, es []Entry) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := prepareWrites(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, e := range es {
			if err := w.put(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *SQLite) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// writes are the two statements every change runs, prepared once per
// transaction.
type writes struct{ post, audit *sql.Stmt }

func prepareWrites(ctx context.Context, tx *sql.Tx) (*writes, error) {
	post, err := tx.PrepareContext(ctx, `INSERT INTO posts (id, scheduled_at, brand, regions, status, verdict, entry, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET scheduled_at=excluded.scheduled_at, brand=excluded.brand, regions=excluded.regions,
			status=excluded.status, verdict=excluded.verdict, entry=excluded.entry, updated_at=excluded.updated_at`)
	if err != nil {
		return nil, err
	}
	audit, err := tx.PrepareContext(ctx, `INSERT INTO audit (at, post_id, verdict, record) VALUES (?, ?, ?, ?)`)
	if err != nil {
		post.Close()
		return nil, err
	}
	return &writes{post: post, audit: audit}, nil
}

func (w *writes) close() {
	w.post.Close()
	w.audit.Close()
}

func (w *writes) put(ctx context.Context, e Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = w.post.ExecContext(ctx, e.ID, e.Post.ScheduledAt.UnixNano(), strings.ToLower(e.Post.Brand), regionKey(e.Post.Regions),
		string(e.Status), string(e.Verdict), string(b), e.UpdatedAt.UnixNano())
	return err
}

func (w *writes) append(ctx context.Context, r AuditRecord) error {
	r.Seq = 0
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = w.audit.ExecContext(ctx, r.At.UnixNano(), r.PostID, string(r.Verdict), string(b))
	return err
}

// regionKey stores regions as ",GB,US," so one region is a LIKE '%,GB,%'.
func regionKey(rs []string) string {
	if len(rs) == 0 {
		return ""
	}
	return "," + strings.Join(rs, ",") + ","
}

// Get returns one entry.
func (s *SQLite) Get(ctx context.Context, id string) (Entry, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, `SELECT entry FROM posts WHERE id = ?`, id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, fmt.Errorf("%w: %q", ErrNotFound, id)
	}
	if err != nil {
		return Entry{}, err
	}
	var e Entry
	return e, json.Unmarshal([]byte(raw), &e)
}

// List returns the entries the filter selects, by scheduled time.
func (s *SQLite) List(ctx context.Context, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	if len(f.Statuses) > 0 {
		where = append(where, "status IN (?"+strings.Repeat(",?", len(f.Statuses)-1)+")")
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	if f.Brand != "" {
		where, args = append(where, "brand = ?"), append(args, strings.ToLower(f.Brand))
	}
	if f.Region != "" {
		where, args = append(where, "(regions = '' OR regions LIKE ?)"), append(args, "%,"+strings.ToUpper(f.Region)+",%")
	}
	if !f.From.IsZero() {
		where, args = append(where, "scheduled_at >= ?"), append(args, f.From.UnixNano())
	}
	if !f.To.IsZero() {
		where, args = append(where, "scheduled_at < ?"), append(args, f.To.UnixNano())
	}
	q := `SELECT entry FROM posts`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY scheduled_at, id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return sqlRecords[Entry](ctx, s.db, q, args...)
}

// Update changes one entry and appends its audit record in one transaction.
func (s *SQLite) Update(ctx context.Context, id string, fn func(*Entry) (AuditRecord, error)) (Entry, error) {
	es, err := s.UpdateMany(ctx, []string{id}, fn)
	if err != nil {
		return Entry{}, err
	}
	return es[0], nil
}

// UpdateMany changes several entries, each with its audit record, in one
// transaction with statements prepared once: a re-check of thousands of
// posts is one commit, not thousands.
func (s *SQLite) UpdateMany(ctx context.Context, ids []string, fn func(*Entry) (AuditRecord, error)) ([]Entry, error) {
	out := make([]Entry, 0, len(ids))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		get, err := tx.PrepareContext(ctx, `SELECT entry FROM posts WHERE id = ?`)
		if err != nil {
			return err
		}
		defer get.Close()
		w, err := prepareWrites(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, id := range ids {
			var raw string
			err := get.QueryRowContext(ctx, id).Scan(&raw)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: %q", ErrNotFound, id)
			}
			if err != nil {
				return err
			}
			var e Entry
			if err := json.Unmarshal([]byte(raw), &e); err != nil {
				return err
			}
			rec, err := fn(&e)
			if err != nil {
				return err
			}
			if err := w.put(ctx, e); err != nil {
				return err
			}
			if err := w.append(ctx, rec); err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// Append adds audit records; the log is never rewritten.
func (s *SQLite) Append(ctx context.Context, recs []AuditRecord) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := prepareWrites(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, r := range recs {
			if err := w.append(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// Audit returns the records the filter selects, oldest first.
func (s *SQLite) Audit(ctx context.Context, f AuditFilter) ([]AuditRecord, error) {
	var where []string
	var args []any
	if f.Seq > 0 {
		where, args = append(where, "seq = ?"), append(args, f.Seq)
	}
	if f.PostID != "" {
		where, args = append(where, "post_id = ?"), append(args, f.PostID)
	}
	if f.Verdict != "" {
		where, args = append(where, "verdict = ?"), append(args, string(f.Verdict))
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UnixNano())
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UnixNano())
	}
	q := `SELECT seq, record FROM audit`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY seq"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditRecord
	for rows.Next() {
		var seq int64
		var raw string
		if err := rows.Scan(&seq, &raw); err != nil {
			return nil, err
		}
		var r AuditRecord
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			return nil, err
		}
		r.Seq = seq
		out = append(out, r)
	}
	return out, rows.Err()
}

// SaveCrisis inserts or replaces a crisis.
func (s *SQLite) SaveCrisis(ctx context.Context, c Crisis) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO crises (id, status, created_at, crisis) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET status=excluded.status, crisis=excluded.crisis`, c.ID, string(c.Status), c.CreatedAt.UnixNano(), string(b))
	return err
}

// GetCrisis returns one crisis.
func (s *SQLite) GetCrisis(ctx context.Context, id string) (Crisis, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, `SELECT crisis FROM crises WHERE id = ?`, id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return Crisis{}, fmt.Errorf("%w: no crisis %q", ErrNotFound, id)
	}
	if err != nil {
		return Crisis{}, err
	}
	var c Crisis
	return c, json.Unmarshal([]byte(raw), &c)
}

// maxCrisesListed bounds a crisis list (ended crises accumulate).
const maxCrisesListed = 500

// Crises lists crises, newest first.
func (s *SQLite) Crises(ctx context.Context, withEnded bool) ([]Crisis, error) {
	q := `SELECT crisis FROM crises`
	if !withEnded {
		q += ` WHERE status != 'ended'`
	}
	q += fmt.Sprintf(` ORDER BY created_at DESC, id LIMIT %d`, maxCrisesListed)
	return sqlRecords[Crisis](ctx, s.db, q)
}

// SaveSuppression inserts a suppression, replacing one for the same post
// and rule.
func (s *SQLite) SaveSuppression(ctx context.Context, sp Suppression) error {
	b, err := json.Marshal(sp)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO suppressions (post_id, rule, until, record) VALUES (?, ?, ?, ?)
		ON CONFLICT (post_id, rule) DO UPDATE SET until=excluded.until, record=excluded.record`, sp.PostID, sp.Rule, sp.Until.UnixNano(), string(b))
	return err
}

// Suppressions lists a post's suppressions, or all for postID "".
func (s *SQLite) Suppressions(ctx context.Context, postID string) ([]Suppression, error) {
	q, args := `SELECT record FROM suppressions`, []any{}
	if postID != "" {
		q, args = q+` WHERE post_id = ?`, append(args, postID)
	}
	return sqlRecords[Suppression](ctx, s.db, q+` ORDER BY post_id, rule`, args...)
}

// The idempotency statements, in PostgreSQL's numbered placeholders;
// SQLite reads them through sqliteParams.
const (
	// claimKeySQL inserts a claim, or replaces an expired or stale one, and
	// returns a row only when it did. Its arguments: client, key, hash,
	// claimed at, expires at, stale before.
	claimKeySQL = `INSERT INTO idempotency (client, idem_key, hash, status, response, claimed_at, expires_at)
		VALUES ($1, $2, $3, NULL, NULL, $4, $5)
		ON CONFLICT (client, idem_key) DO UPDATE SET hash = excluded.hash, status = NULL, response = NULL,
			claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
		WHERE idempotency.expires_at <= excluded.claimed_at OR (idempotency.status IS NULL AND idempotency.claimed_at < $6)
		RETURNING hash`
	heldKeySQL   = `SELECT hash, status, response, claimed_at, expires_at FROM idempotency WHERE client = $1 AND idem_key = $2`
	purgeKeysSQL = `DELETE FROM idempotency WHERE (client, idem_key) IN
		(SELECT client, idem_key FROM idempotency WHERE expires_at <= $1 LIMIT $2)`
	finishKeySQL = `UPDATE idempotency SET status = $4, response = $5 WHERE client = $1 AND idem_key = $2 AND hash = $3 AND status IS NULL`
	dropKeySQL   = `DELETE FROM idempotency WHERE client = $1 AND idem_key = $2 AND hash = $3 AND status IS NULL`
)

// sqliteParams rewrites PostgreSQL's $N placeholders as SQLite's ?N (the
// same numbered binding: $N in SQLite would be a name, numbered by first
// appearance).
func sqliteParams(q string) string { return strings.ReplaceAll(q, "$", "?") }

// ClaimKey claims a request's key unless a live request holds it.
func (s *SQLite) ClaimKey(ctx context.Context, req KeyedRequest, staleBefore time.Time) (held KeyedRequest, claimed bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		now := req.At.UnixNano()
		if _, err := tx.ExecContext(ctx, sqliteParams(purgeKeysSQL), now, purgeBatch); err != nil {
			return err
		}
		var h string
		err := tx.QueryRowContext(ctx, sqliteParams(claimKeySQL), req.Client, req.Key, req.Hash, now, req.Expires.UnixNano(), staleBefore.UnixNano()).Scan(&h)
		if err == nil {
			claimed = true
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var status sql.NullInt64
		var at, exp int64
		held = KeyedRequest{Client: req.Client, Key: req.Key}
		if err := tx.QueryRowContext(ctx, sqliteParams(heldKeySQL), req.Client, req.Key).Scan(&held.Hash, &status, &held.Response, &at, &exp); err != nil {
			return err
		}
		held.Done, held.Status = status.Valid, int(status.Int64)
		held.At, held.Expires = time.Unix(0, at).UTC(), time.Unix(0, exp).UTC()
		return nil
	})
	if err != nil {
		return KeyedRequest{}, false, fmt.Errorf("queue: idempotency key: %w", err)
	}
	return held, claimed, nil
}

// FinishKey stores the answer to a running keyed request.
func (s *SQLite) FinishKey(ctx context.Context, client, key, hash string, status int, response []byte) error {
	_, err := s.db.ExecContext(ctx, sqliteParams(finishKeySQL), client, key, hash, status, response)
	return err
}

// DropKey forgets a running keyed request.
func (s *SQLite) DropKey(ctx context.Context, client, key, hash string) error {
	_, err := s.db.ExecContext(ctx, sqliteParams(dropKeySQL), client, key, hash)
	return err
}

// sqlRecords runs a query whose one column is a JSON record and decodes
// each.
func sqlRecords[T any](ctx context.Context, db *sql.DB, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// compile-time checks.
var (
	_ Store            = (*SQLite)(nil)
	_ CrisisStore      = (*SQLite)(nil)
	_ SuppressionStore = (*SQLite)(nil)
	_ IdempotencyStore = (*SQLite)(nil)
)
