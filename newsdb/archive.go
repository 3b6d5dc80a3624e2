package newsdb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/queue"
)

// migrations are this package's schema steps (component "news"); a
// released step is never edited, only followed by a new one.
var migrations = []string{
	// 1: the shared articles and the re-check jobs.
	`CREATE TABLE articles (
		seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		key       TEXT NOT NULL UNIQUE,
		id        TEXT NOT NULL,
		origin    TEXT NOT NULL,
		published TIMESTAMPTZ NOT NULL,
		ingested  TIMESTAMPTZ NOT NULL,
		article   JSON NOT NULL
	);
	CREATE INDEX articles_ingested ON articles (ingested);
	CREATE TABLE recheck_jobs (
		id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		from_seq BIGINT NOT NULL,
		to_seq   BIGINT NOT NULL,
		trigger  TEXT NOT NULL,
		started  TIMESTAMPTZ NOT NULL,
		finished TIMESTAMPTZ
	);`,
}

// writeLock serialises writers of the articles table, so that sequence
// numbers become visible in order and a follower's cursor never passes an
// article still being committed.
var writeLock = int64(0x7072656e65777301) // "prenews" + 1

// Archive is the articles table.
type Archive struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

// Open brings the news tables up to date in the database behind pool (the
// queue store's, queue.Postgres.Pool) and returns the archive; now is the
// ingestion clock (time.Now when nil).
func Open(ctx context.Context, pool *pgxpool.Pool, now func() time.Time) (*Archive, error) {
	if now == nil {
		now = time.Now
	}
	if err := queue.MigratePostgres(ctx, pool, "news", migrations); err != nil {
		return nil, fmt.Errorf("newsdb: %w", err)
	}
	return &Archive{pool: pool, now: now}, nil
}

// Stored is an article with its place in the table.
type Stored struct {
	Seq     int64
	Origin  news.Origin
	Article checker.Article
}

// key is what makes two articles the same one: the URL, or the ID when
// there is none (as the news index decides).
func key(a checker.Article) string {
	if u := strings.TrimSpace(a.URL); u != "" {
		return u
	}
	return "id:" + strings.TrimSpace(a.ID)
}

// Record adds articles to the table in one transaction, stamped with the
// ingestion time; an article already recorded (same URL, or same ID when
// there is no URL) is skipped, and one the news index would reject (no
// title, no time) is counted and skipped. It returns how many were added.
func (ar *Archive) Record(ctx context.Context, origin news.Origin, arts []checker.Article) (added, rejected int, err error) {
	now := ar.now().UTC()
	err = pgx.BeginFunc(ctx, ar.pool, func(tx pgx.Tx) error {
		added, rejected = 0, 0
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		b := &pgx.Batch{}
		for i := range arts {
			a := arts[i]
			if news.Validate(&a) != nil {
				rejected++
				continue
			}
			a.Ingested, a.Score = now, 0
			raw, err := json.Marshal(a)
			if err != nil {
				return fmt.Errorf("article %q: %w", a.ID, err)
			}
			b.Queue(`INSERT INTO articles (key, id, origin, published, ingested, article)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
				key(a), a.ID, string(origin), a.Published, now, string(raw)).Exec(func(tag pgconn.CommandTag) error {
				added += int(tag.RowsAffected())
				return nil
			})
		}
		if b.Len() == 0 {
			return nil
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return 0, 0, fmt.Errorf("newsdb: record: %w", err)
	}
	return added, rejected, nil
}

// Since returns up to limit articles recorded after the cursor seq, in
// the order they were recorded.
func (ar *Archive) Since(ctx context.Context, seq int64, limit int) ([]Stored, error) {
	return ar.between(ctx, seq, -1, limit)
}

// between returns up to limit articles with from < seq <= to (to < 0: no
// upper bound).
func (ar *Archive) between(ctx context.Context, from, to int64, limit int) ([]Stored, error) {
	rows, err := ar.pool.Query(ctx, `SELECT seq, origin, article::text FROM articles
		WHERE seq > $1 AND ($2 < 0 OR seq <= $2) ORDER BY seq LIMIT $3`, from, to, limit)
	if err != nil {
		return nil, fmt.Errorf("newsdb: read articles: %w", err)
	}
	defer rows.Close()
	var out []Stored
	for rows.Next() {
		var s Stored
		var origin string
		var raw []byte
		if err := rows.Scan(&s.Seq, &origin, &raw); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &s.Article); err != nil {
			return nil, fmt.Errorf("newsdb: article %d: %w", s.Seq, err)
		}
		s.Origin = news.Origin(origin)
		out = append(out, s)
	}
	return out, rows.Err()
}
