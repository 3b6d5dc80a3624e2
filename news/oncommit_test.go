package news

import (
	"context"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestOnCommit: each committed batch is reported with the articles it
// added (derived fields and ingestion time filled), and duplicates are not
// reported again.
func TestOnCommit(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	var got [][]checker.Article
	var origins []Origin
	ix, err := OpenMem(Options{Now: func() time.Time { return now }, BatchSize: 2, OnCommit: func(o Origin, arts []checker.Article) {
		origins = append(origins, o)
		got = append(got, arts)
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := []checker.Article{
		{ID: "a", Title: "Ferry fire in Lakeport kills 14", URL: "https://n.example/a", Published: now.Add(-time.Hour), Regions: []string{"GB"}, Body: "long"},
		{ID: "b", Title: "Quiet day", URL: "https://n.example/b", Published: now.Add(-time.Hour)},
		{ID: "c", Title: "Another", URL: "https://n.example/c", Published: now.Add(-time.Hour)},
	}
	if _, err := ix.AddFrom(context.Background(), OriginAPI, arts); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0]) != 2 || len(got[1]) != 1 || origins[0] != OriginAPI {
		t.Fatalf("commits %d (%v)", len(got), origins)
	}
	if a := got[0][0]; !a.Ingested.Equal(now) || a.Body != "" || len(a.Entities) == 0 {
		t.Errorf("reported article %+v", a)
	}
	got = nil
	if _, err := ix.AddFrom(context.Background(), OriginAPI, arts[:1]); err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("a duplicate was reported as added: %v", got)
	}
}
