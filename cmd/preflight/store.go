package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/queue"
)

// storeSetting reads preflight.yaml's store: value, expanding ${NAME} from
// the environment (so a database password need not sit in the file).
func storeSetting(cfg *config.File) string {
	s := strings.TrimSpace(cfg.Store)
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") {
		s = strings.TrimSpace(os.Getenv(s[2 : len(s)-1]))
	}
	return s
}

// openStore opens the queue's store that preflight.yaml names: the SQLite
// file in the data folder by default, PostgreSQL for a postgres:// URL
// (several replicas sharing the queue, holds and audit log).
func openStore(ctx context.Context, dataDir string, cfg *config.File) (queue.Store, error) {
	s := storeSetting(cfg)
	switch {
	case s == "" || s == "sqlite":
		return queue.OpenSQLite(ctx, filepath.Join(dataDir, queueFile))
	case strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://"):
		return queue.OpenPostgres(ctx, s)
	}
	return nil, cfg.Problem(&checker.Error{Code: checker.ECodeBadConfig, Field: "store",
		Message: fmt.Sprintf("store: want sqlite (the default) or a postgres:// URL, not %q", redactStore(s))})
}

// redactStore keeps a mistyped setting's secret out of the error.
func redactStore(s string) string {
	if i := strings.Index(s, "@"); i >= 0 {
		if j := strings.Index(s, "://"); j >= 0 && j < i {
			return s[:j+3] + "…" + s[i:]
		}
	}
	return s
}
