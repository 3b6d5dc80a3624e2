package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules"
)

// adapterSections stand for the adapters' sections the command passes to
// ParseWith: durations, numbers, lists and nested settings with regions.
type adapterSections struct {
	Calendar struct {
		Days []struct {
			Name    string   `yaml:"name"`
			Date    string   `yaml:"date"`
			Regions []string `yaml:"regions"`
		} `yaml:"days"`
	} `yaml:"calendar"`
	NewsIndex struct {
		Retention time.Duration `yaml:"retention"`
	} `yaml:"news_index"`
	Service struct {
		APIKeys      []string      `yaml:"api_keys"`
		CheckTimeout time.Duration `yaml:"check_timeout"`
		BodyLimit    int           `yaml:"body_limit"`
		RateLimit    float64       `yaml:"rate_limit"`
	} `yaml:"service"`
}

// TestParseWithSections: the adapters' sections are decoded into the
// caller's types with the rest of the file; without them their keys are
// unknown settings.
func TestParseWithSections(t *testing.T) {
	in := "brand: x\nservice:\n  api_keys: [k]\n  check_timeout: 5s\nnews_index:\n  retention: 2h\ncalendar:\n  days:\n    - name: Founders\n      date: 2026-03-01\n"
	var s adapterSections
	f, err := ParseWith([]byte(in), &s)
	if err != nil {
		t.Fatal(err)
	}
	if f.Brand != "x" || len(s.Service.APIKeys) != 1 || s.Service.CheckTimeout != 5*time.Second || s.NewsIndex.Retention != 2*time.Hour || s.Calendar.Days[0].Name != "Founders" {
		t.Errorf("read %+v and %+v", f, s)
	}
	if _, err := Parse([]byte(in)); err == nil || !strings.HasPrefix(err.Error(), "2: ") || !strings.Contains(err.Error(), "service") {
		t.Errorf("Parse without the sections: %v, want service an unknown setting on line 2", err)
	}
	if _, err := ParseWith([]byte(in), s); err == nil {
		t.Error("sections not a pointer: no error")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"brand: x\nbrnad: y\n", "2: "},
		{"regions: [USA]\n", "regions[0]"},
		{"platform: myspace\n", "platform"},
		{"brand: [unclosed\n", "1: "},
		{"service:\n  api_keys: 5\n", "2: "},
	}
	for _, tt := range tests {
		_, err := ParseWith([]byte(tt.in), &adapterSections{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
	f, err := Parse(nil)
	if err != nil || f.Brand != "" {
		t.Errorf("empty file: %v", err)
	}
}

// TestParseErrorsNameTheLine: every bad value is reported on its own line,
// in words (no Go type names), with code bad_config.
func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		field    string
		want     string
	}{
		{"region", "brand: x\nregions:\n  - US\n  - ZZ\n", 4, "regions[1]", `"ZZ" is not an ISO 3166-1`},
		{"platform", "brand: x\nplatform: myspace\n", 2, "platform", "unknown platform"},
		{"severity", "rules:\n  content.profanity:\n    severity: hihg\n", 3, "rules.content.profanity.severity", "want low, medium, high or critical"},
		{"duration", "news_index:\n  retention: 3 days\n", 2, "news_index.retention", "not a duration such as 72h"},
		{"bare number duration", "service:\n  check_timeout: 10\n", 2, "service.check_timeout", "not a duration"},
		{"int", "service:\n  body_limit: lots\n", 2, "service.body_limit", "not a whole number"},
		{"typo", "brand: x\nplatfrom: x\n", 2, "platfrom", `did you mean "platform"?`},
		{"nested typo", "service:\n  api_key: [k]\n", 2, "service.api_key", `did you mean "api_keys"?`},
		{"calendar days region", "calendar:\n  days:\n    - name: Founders\n      date: 2026-03-01\n      regions: [US, QQ]\n", 5, "calendar.days[0].regions[1]", `"QQ"`},
		{"list for a string", "brand: [a, b]\n", 1, "brand", "want a string, not a list"},
		{"string for a list", "brand: x\nregions: US\n", 2, "regions", "want a list"},
	}
	for _, tt := range tests {
		_, err := ParseWith([]byte(tt.in), &adapterSections{})
		var ce *checker.Error
		if !errors.As(err, &ce) || ce.Code != checker.ECodeBadConfig || ce.Line != tt.line || ce.Field != tt.field || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v (%+v), want line %d field %q containing %q", tt.name, err, ce, tt.line, tt.field, tt.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), fmt.Sprint(tt.line)+": ") {
			t.Errorf("%s: %q does not start with the line", tt.name, err)
		}
		for _, goName := range []string{"checker.", "time.Duration", "[]string", "web.Options", "int"} {
			if strings.Contains(err.Error(), goName) {
				t.Errorf("%s: %q names a Go type", tt.name, err)
			}
		}
	}
	ok := "regions: [US, uk, all]\nservice:\n  check_timeout: 10s\n  rate_limit: -1\nnews_index:\n  retention: -1h\n"
	if _, err := ParseWith([]byte(ok), &adapterSections{}); err != nil {
		t.Errorf("valid settings refused: %v", err)
	}
}

// TestProblemLocatesSettings: errors the rules, calendars and engine report
// about a setting point at its line.
func TestProblemLocatesSettings(t *testing.T) {
	in := "brand: x\nrules:\n  content.profanity:\n    disabled: true\n  content.nope:\n    disabled: true\ncalendar_rules:\n  min_weight: 3\n"
	f, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for field, line := range map[string]int{"rules.content.nope": 5, "calendar_rules.min_weight": 8, "rules.content.profanity.disabled": 4, "news.x": 1} {
		err := f.Problem(checker.Invalidf(field, "wrong"))
		var ce *checker.Error
		if !errors.As(err, &ce) || ce.Code != checker.ECodeBadConfig || ce.Line != line || !strings.HasPrefix(err.Error(), fmt.Sprintf("preflight.yaml:%d: ", line)) {
			t.Errorf("%s: %v, want line %d", field, err, line)
		}
	}
	rs, err := rules.All(f.Options)
	if err == nil {
		_, err = checker.New(checker.Config{Rules: rs, Profile: f.Profile})
	}
	if err = f.Problem(err); err == nil || !strings.Contains(err.Error(), "preflight.yaml:") {
		t.Errorf("engine error not located: %v", err)
	}
}
