// Package pgtest gives tests a fresh PostgreSQL database of their own. The
// server comes from PREFLIGHT_TEST_POSTGRES (a postgres:// URL that may
// create databases; .ci/run starts one). Without it a test skips, saying
// so, except under CI=true, where a missing or unreachable server fails the
// test: CI must not pass by skipping.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable holding the test server's URL.
const EnvURL = "PREFLIGHT_TEST_POSTGRES"

// URL creates an empty database on the test server, drops it when the test
// ends, and returns its URL.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvURL)
	ci := os.Getenv("CI") == "true"
	if base == "" {
		if ci {
			t.Fatalf("%s is not set under CI=true: .ci/run starts PostgreSQL and sets it", EnvURL)
		}
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://user@127.0.0.1:5432/db (.ci/postgres starts a server)", EnvURL)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		if ci {
			t.Fatalf("PostgreSQL at %s unreachable: %v", EnvURL, err)
		}
		t.Skipf("PostgreSQL tests skipped: %s unreachable: %v", EnvURL, err)
	}
	defer admin.Close(context.Background())
	var b [6]byte
	rand.Read(b[:])
	name := "preflight_t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Logf("drop %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	u.Path = "/" + name
	return u.String()
}
