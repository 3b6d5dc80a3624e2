package checker

import (
	"strings"
	"time"
)

// Profile is what a team tells Preflight about itself in preflight.yaml:
// defaults for posts that lack a field, and who the brand is.
type Profile struct {
	Brand       string   `yaml:"brand" json:"brand,omitempty"`
	Aliases     []string `yaml:"aliases" json:"aliases,omitempty"`         // other names and handles of the brand
	Competitors []string `yaml:"competitors" json:"competitors,omitempty"` // names the reply rules watch for mockery
	Regions     []string `yaml:"regions" json:"regions,omitempty"`
	Platform    Platform `yaml:"platform" json:"platform,omitempty"`
	// Rules overrides rule behaviour by rule ID.
	Rules map[string]RuleSetting `yaml:"rules" json:"rules,omitempty"`
	// Book holds the profiles of the brands the team publishes for (the
	// "brands" section); nil means only the brand above.
	Book BrandBook `yaml:"-" json:"-"`
}

// RuleSetting turns a rule off, turns an opt-in rule on, or changes the
// severity of its findings.
type RuleSetting struct {
	Disabled bool `yaml:"disabled" json:"disabled,omitempty"`
	// Enabled turns on an opt-in rule (Rule.OptIn); Disabled still wins.
	Enabled  bool     `yaml:"enabled" json:"enabled,omitempty"`
	Severity Severity `yaml:"severity" json:"severity,omitempty"`
}

// Apply fills the post's missing fields from the profile and the clock and
// normalises codes. It never overwrites what the post says.
func (pr *Profile) Apply(p *Post, now time.Time) {
	if p.ScheduledAt.IsZero() {
		p.ScheduledAt = now
	}
	if p.Platform == "" {
		p.Platform = pr.Platform
	}
	if p.Platform == "" {
		p.Platform = PlatformX
	} else if q, err := ParsePlatform(string(p.Platform)); err == nil {
		p.Platform = q
	}
	if p.Kind == "" {
		p.Kind = KindPost
	} else if k, err := ParseKind(string(p.Kind)); err == nil {
		p.Kind = k
	}
	if p.Brand == "" {
		p.Brand = pr.Brand
	}
	if len(p.Regions) == 0 {
		p.Regions = pr.Regions
	}
	p.Regions = NormaliseRegions(p.Regions)
}

// BrandNames returns the brand's configured names (name, aliases, handles
// without "@") from the brand book, else the brand and its aliases when
// the post is from the profile's brand, else just the post's brand.
func (pr *Profile) BrandNames(p *Post) []string {
	if p.Brand == "" {
		return nil
	}
	if pr.Book != nil {
		if b := pr.Book.Lookup(p.Brand); b != nil && b.Known {
			names := append([]string{b.Name}, b.Aliases...)
			for _, h := range b.Handles {
				names = append(names, strings.TrimPrefix(h, "@"))
			}
			return names
		}
	}
	names := []string{p.Brand}
	if pr.Brand != "" && equalFold(pr.Brand, p.Brand) {
		names = append(names, pr.Aliases...)
	}
	return names
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
