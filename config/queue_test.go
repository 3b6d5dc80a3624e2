package config

import (
	"strings"
	"testing"
	"time"
)

// TestQueueSection: the queue section's window, keep_text and alerts are
// read, and a misspelt key is an error naming its line.
func TestQueueSection(t *testing.T) {
	f, err := Parse([]byte("queue:\n  window: 48h\n  keep_text: false\n  alerts:\n    slack_url: https://hooks.example/x\n    per_minute: 10\n"))
	if err != nil {
		t.Fatal(err)
	}
	q := f.Queue
	if q.Window != 48*time.Hour || q.KeepText == nil || *q.KeepText || q.Alerts.SlackURL != "https://hooks.example/x" || q.Alerts.PerMinute != 10 {
		t.Errorf("queue section %+v", q)
	}
	if _, err := Parse([]byte("queue:\n  windw: 48h\n")); err == nil || !strings.Contains(err.Error(), "2") {
		t.Errorf("misspelt key: %v", err)
	}
}
