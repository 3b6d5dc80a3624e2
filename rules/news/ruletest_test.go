package news_test

import (
	"context"
	"errors"
	"testing"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/ruletest"
	newsindex "github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/rules/news"
)

// TestRules runs the cases of testdata/*.txtar through the news rules. The
// header's articles go into a real in-memory news index, which derives
// their classes, severity, names and events as ingestion does; the brand
// book knows Harbor Telecom's product; every finding must cite a news
// article.
func TestRules(t *testing.T) {
	rs, err := news.Rules(news.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bk, err := brand.New(brand.Config{"Harbor Telecom": {Products: []string{"SkyLink"}, People: []string{"Dana Okafor"}}},
		checker.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	ruletest.Run(t, "testdata", ruletest.Config{Rules: rs, Profile: checker.Profile{Book: bk},
		News: func(arts []*checker.Article) (checker.News, error) {
			idx, err := newsindex.OpenMem(newsindex.Options{Now: testIngestClock})
			if err != nil {
				return nil, err
			}
			t.Cleanup(func() { idx.Close() })
			as := make([]checker.Article, len(arts))
			for i, a := range arts {
				as[i] = *a
			}
			if _, err := idx.Add(context.Background(), as); err != nil {
				return nil, err
			}
			return idx, nil
		},
		Invariant: func(f checker.Finding) error {
			if len(f.Evidence) == 0 || f.Evidence[0].Type != "news" || f.Evidence[0].URL == "" {
				return errors.New("finding without news evidence")
			}
			return nil
		}})
}
