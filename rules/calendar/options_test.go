package calendar

import (
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
)

// The options are the calendar_rules section of preflight.yaml.
func TestOptionsFromYAML(t *testing.T) {
	var o Options
	src := "default_regions: [gb, NO]\nreference_days: 2\nseverity:\n  solemn_tie: high\n  wrong_day: low\n"
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true) // as config decodes preflight.yaml
	if err := dec.Decode(&o); err != nil {
		t.Fatal(err)
	}
	o = o.withDefaults()
	if o.ReferenceDays != 2 || o.Severity.SolemnTie != checker.SeverityHigh || o.Severity.WrongDay != checker.SeverityLow ||
		o.Severity.SolemnPromo != checker.SeverityHigh || o.DefaultRegions[0] != "GB" || o.MinWeight != 0.2 {
		t.Errorf("options %+v", o)
	}
	if _, err := Rules(o); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []Options{{ReferenceDays: 99}, {MinWeight: 2}, {MinorityWeight: -1}, {DefaultRegions: []string{"USA"}}} {
		_, err := Rules(bad)
		var e *checker.Error
		if !errors.As(err, &e) || e.Code != checker.ECodeInvalid || e.Field == "" {
			t.Errorf("%+v: want an invalid-field error, got %v", bad, err)
		}
	}
}

func TestRulesAreWellFormed(t *testing.T) {
	rules, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 4 {
		t.Fatalf("got %d rules", len(rules))
	}
	for _, r := range rules {
		if err := r.Validate(); err != nil || r.Fix == "" || r.Since == "" || !r.NeedsCalendar {
			t.Errorf("%s: %v", r.ID, err)
		}
	}
}
