package calendars

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
)

// Options is the "calendar" section of preflight.yaml: the company's own
// days on top of the built-in calendar. The zero value means none.
type Options struct {
	Days []CustomDay `yaml:"days" json:"days,omitempty"`
}

// CustomDay is a company-specific day: the anniversary of a brand's own
// incident, a blackout date, a founding day. Give either Date (once) or Rule
// (every year).
//
//	calendar:
//	  days:
//	    - name: Anniversary of the Riverside plant fire
//	      rule: "03-14"          # MM-DD, "2nd mon of may", "easter -2", ...
//	      regions: [US, CA]      # empty or [all]: every region
//	      tone: solemn           # celebratory, neutral, solemn, fasting
//	      note: no promotions; the memorial post is scheduled separately
//	    - name: Spring sale blackout
//	      date: 2026-04-03
type CustomDay struct {
	// ID is a stable key; derived from the name when empty.
	ID   string `yaml:"id" json:"id,omitempty"`
	Name string `yaml:"name" json:"name"`
	// Date is a single YYYY-MM-DD date; Rule repeats every year in the
	// rule language of data/days.yaml (MM-DD, "last mon of may", ...).
	Date string `yaml:"date" json:"date,omitempty"`
	Rule string `yaml:"rule" json:"rule,omitempty"`
	// Days is how many days it lasts; 1 when zero.
	Days    int      `yaml:"days" json:"days,omitempty"`
	Regions []string `yaml:"regions" json:"regions,omitempty"`
	// Tone decides what the rules do on the day: solemn and fasting days
	// get the solemn-day checks. Neutral when empty.
	Tone string `yaml:"tone" json:"tone,omitempty"`
	// Kind is "company" when empty; any day kind is accepted.
	Kind string `yaml:"kind" json:"kind,omitempty"`
	// Aliases are names the day goes by, so a post that names it is caught.
	Aliases []string `yaml:"aliases" json:"aliases,omitempty"`
	Note    string   `yaml:"note" json:"note,omitempty"`
}

func (c *Calendar) addCustom(opts Options) error {
	ids := map[string]bool{}
	for i, d := range opts.Days {
		field := fmt.Sprintf("calendar.days[%d]", i)
		if strings.TrimSpace(d.Name) == "" {
			return checker.Invalidf(field+".name", "a company day needs a name")
		}
		s := spec{id: d.ID, name: strings.TrimSpace(d.Name), aliases: d.Aliases, weight: 1, days: max(d.Days, 1),
			kind: checker.DayCompany, tone: checker.ToneNeutral, note: d.Note}
		if s.id == "" {
			s.id = "company-" + slug(d.Name)
		}
		if ids[s.id] {
			return checker.Invalidf(field+".id", "id %q is used by another company day", s.id)
		}
		ids[s.id] = true
		if d.Days < 0 || d.Days > 366 {
			return checker.Invalidf(field+".days", "days must be between 1 and 366, not %d", d.Days)
		}
		if d.Tone != "" {
			t, ok := validTones[strings.ToLower(d.Tone)]
			if !ok {
				return checker.Invalidf(field+".tone", "unknown tone %q (want celebratory, neutral, solemn or fasting)", d.Tone)
			}
			s.tone = t
		}
		if d.Kind != "" {
			k, ok := validKinds[strings.ToLower(d.Kind)]
			if !ok {
				return checker.Invalidf(field+".kind", "unknown kind %q (want company, public, observance, solemn or religious)", d.Kind)
			}
			s.kind = k
		}
		var err error
		switch {
		case d.Date != "" && d.Rule != "":
			return checker.Invalidf(field+".date", "give date (once) or rule (every year), not both")
		case d.Date != "":
			if len(d.Date) != 10 {
				return checker.Invalidf(field+".date", "date %q is not YYYY-MM-DD", d.Date)
			}
			if s.rule, err = parseRule(d.Date, c.data.tables); err != nil || s.rule.kind != ruleOnce {
				return checker.Invalidf(field+".date", "date %q is not YYYY-MM-DD", d.Date)
			}
		case d.Rule != "":
			if s.rule, err = parseRule(d.Rule, c.data.tables); err != nil {
				return checker.Invalidf(field+".rule", "%v", err)
			}
		default:
			return checker.Invalidf(field+".date", "a company day needs a date (YYYY-MM-DD) or a yearly rule")
		}
		regions := checker.NormaliseRegions(d.Regions)
		if len(regions) == 0 || (len(regions) == 1 && regions[0] == "ALL") {
			regions = c.Regions()
		}
		for j, r := range regions {
			if !knownRegion(r) {
				return checker.Invalidf(fmt.Sprintf("%s.regions[%d]", field, j), "unsupported region %q (supported: %s, or all)", r, strings.Join(c.Regions(), ", "))
			}
			c.custom[r] = append(c.custom[r], s)
		}
	}
	return nil
}

// Note returns the note a company day was configured with, or "".
func (c *Calendar) Note(id string) string {
	for _, specs := range c.custom {
		for _, s := range specs {
			if s.id == id {
				return s.note
			}
		}
	}
	return ""
}
