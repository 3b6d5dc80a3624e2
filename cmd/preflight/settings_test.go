package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestQueueSettings: the queue section's window, keep_text and alerts are
// read with the rest of preflight.yaml, and a misspelt key is an error
// naming its line.
func TestQueueSettings(t *testing.T) {
	write := func(body string) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	s, err := loadSettings(write("queue:\n  window: 48h\n  keep_text: false\n  alerts:\n    slack_url: https://hooks.example/x\n    per_minute: 10\n"))
	if err != nil {
		t.Fatal(err)
	}
	q := s.Queue
	if q.Window != 48*time.Hour || q.KeepText == nil || *q.KeepText || q.Alerts.SlackURL != "https://hooks.example/x" || q.Alerts.PerMinute != 10 {
		t.Errorf("queue section %+v", q)
	}
	if _, err := loadSettings(write("queue:\n  windw: 48h\n")); err == nil || !strings.Contains(err.Error(), "preflight.yaml:2") {
		t.Errorf("misspelt key: %v", err)
	}
}
