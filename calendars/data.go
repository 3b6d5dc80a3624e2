package calendars

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/compact"
	"gopkg.in/yaml.v3"
)

// daysData is data/days.yaml decoded and encoded by internal/compact,
// which decodes several times faster than the JSON it replaced, itself
// several times faster than the YAML (BenchmarkLoadBuiltin); its strings
// are substrings of the embedded data. The YAML stays the source:
// TestDaysData fails when the two differ, and `go generate ./calendars`
// rewrites the file.
//
// The first generate line writes days.bin, regions.bin and tables.bin;
// data/idregions.bin is worked out from those embedded files, so the
// second line makes it in a build that embeds the new ones.
//
//go:generate go test -run TestDaysData|TestRegionsData|TestTablesData -count=1 . -args -update
//go:generate go test -run TestIDRegionsData -count=1 . -args -update
//go:embed data/days.bin
var daysData string

// idRegionsData is the built-in days' regions by day id (buildIDRegions
// over the built-in data, encoded by internal/compact), which every
// observance names and which cost a one-post check a millisecond to work
// out: TestIDRegionsData fails when it differs from what the data and the
// holiday code give, and `go generate ./calendars` rewrites it.
//
//go:embed data/idregions.bin
var idRegionsData string

// tablesData is the dated tables of data/hindu.yaml and data/dated.yaml
// (parseTables), encoded by internal/compact: TestTablesData fails when
// it differs from the YAML, and `go generate ./calendars` rewrites it.
//
//go:embed data/tables.bin
var tablesData string

// parseTables reads the dated tables by name from data/hindu.yaml and
// data/dated.yaml; a name may be in only one of them.
func parseTables(hinduYAML, datedYAML []byte) (map[string]map[int]string, error) {
	var tables map[string]map[int]string
	if err := yaml.Unmarshal(hinduYAML, &tables); err != nil {
		return nil, fmt.Errorf("data/hindu.yaml: %w", err)
	}
	var dated map[string]map[int]string
	if err := yaml.Unmarshal(datedYAML, &dated); err != nil {
		return nil, fmt.Errorf("data/dated.yaml: %w", err)
	}
	for name, t := range dated {
		if tables[name] != nil {
			return nil, fmt.Errorf("data/dated.yaml: table %s is also in hindu.yaml", name)
		}
		tables[name] = t
	}
	return tables, nil
}

// dayFile is the shape of data/days.yaml.
type dayFile struct {
	Version string                           `yaml:"version" json:"version,omitempty"`
	Days    []dayDef                         `yaml:"days" json:"days,omitempty"`
	Public  map[string]map[string]publicName `yaml:"public" json:"public,omitempty"`
}

// dayDef is one day and where it is kept.
type dayDef struct {
	ID       string     `yaml:"id" json:"id,omitempty"`
	Name     string     `yaml:"name" json:"name,omitempty"`
	Kind     string     `yaml:"kind" json:"kind,omitempty"`
	Tone     string     `yaml:"tone" json:"tone,omitempty"`
	Greeting bool       `yaml:"greeting" json:"greeting,omitempty"`
	Aliases  []string   `yaml:"aliases" json:"aliases,omitempty"`
	Days     int        `yaml:"days" json:"days,omitempty"`
	In       []placeDef `yaml:"in" json:"in,omitempty"`
}

// placeDef says when and how a group of regions keeps a day; empty fields
// inherit the day's.
type placeDef struct {
	Regions []string `yaml:"regions" json:"regions,omitempty"`
	Rule    string   `yaml:"rule" json:"rule,omitempty"`
	Weight  float64  `yaml:"weight" json:"weight,omitempty"`
	Name    string   `yaml:"name" json:"name,omitempty"`
	Local   string   `yaml:"local" json:"local,omitempty"`
	Kind    string   `yaml:"kind" json:"kind,omitempty"`
	Tone    string   `yaml:"tone" json:"tone,omitempty"`
	Days    int      `yaml:"days" json:"days,omitempty"`
	From    int      `yaml:"from" json:"from,omitempty"`
	Until   int      `yaml:"until" json:"until,omitempty"`
	// Substitute gives a public day that falls on a rest day a day off in
	// lieu: sunday, weekend, weekend-or-holiday, sunday-or-holiday or
	// sat-fri-sun-mon (see substituteRule).
	Substitute string `yaml:"substitute" json:"substitute,omitempty"`
	// Source notes where a weight comes from (a census, a survey).
	Source string `yaml:"source" json:"source,omitempty"`
}

// publicName gives a rickar/cal holiday its id and English name.
type publicName struct {
	ID       string   `yaml:"id" json:"id,omitempty"`
	Name     string   `yaml:"name" json:"name,omitempty"`
	Local    string   `yaml:"local" json:"local,omitempty"`
	Aliases  []string `yaml:"aliases" json:"aliases,omitempty"`
	Tone     string   `yaml:"tone" json:"tone,omitempty"`
	Greeting bool     `yaml:"greeting" json:"greeting,omitempty"`
}

// spec is one compiled (day, region) definition: everything but the date.
type spec struct {
	id, name, local string
	aliases         []string
	kind            checker.DayKind
	tone            checker.Tone
	greeting        bool
	weight          float64
	days            int
	from, until     int
	rule            dateRule
	substitute      substituteRule
	note            string
}

func (s *spec) activeIn(y int) bool {
	return (s.from == 0 || y >= s.from) && (s.until == 0 || y <= s.until)
}

var validKinds = map[string]checker.DayKind{"public": checker.DayPublic, "observance": checker.DayObservance,
	"solemn": checker.DaySolemn, "religious": checker.DayReligious, "company": checker.DayCompany}

var validTones = map[string]checker.Tone{"celebratory": checker.ToneCelebratory, "neutral": checker.ToneNeutral,
	"solemn": checker.ToneSolemn, "fasting": checker.ToneFasting}

// builtin is the parsed embedded data.
type builtin struct {
	version string
	specs   map[string][]spec // by region
	public  map[string]map[string]publicName
	tables  map[string]map[int]string
	defs    map[string]*dayDef // by id
	maxDays int                // the longest day's length in days
	// byName maps the lower-cased English names and aliases of the days
	// kept in three countries or more (christmas, eid-al-fitr) to their ids, so
	// a generated country's day of that name shares them.
	byName map[string]string
	// pySpecs caches the generated countries' specs by code.
	pyMu    sync.Mutex
	pySpecs map[string][]spec
	// idRegions is the built-in data's regions by day id (no company
	// days), computed on first use.
	idRegions func() map[string][]string
}

func loadBuiltin() (*builtin, error) {
	var f dayFile
	if err := compact.Decode(daysData, &f); err != nil {
		return nil, fmt.Errorf("data/days.bin: %w (go generate ./calendars)", err)
	}
	b := &builtin{version: f.Version, specs: map[string][]spec{}, public: f.Public, defs: make(map[string]*dayDef, len(f.Days))}
	if err := compact.Decode(tablesData, &b.tables); err != nil {
		return nil, fmt.Errorf("data/tables.bin: %w (go generate ./calendars)", err)
	}
	ids := make(map[string]bool, len(f.Days))
	keptIn := make(map[string]map[string]bool, len(f.Days)) // id -> countries
	// Each region's specs are counted first, so that its slice is made
	// once at its size (the specs are most of what loading allocates).
	perRegion := map[string]int{}
	for _, d := range f.Days {
		for _, p := range d.In {
			for _, r := range p.Regions {
				perRegion[r]++
			}
		}
	}
	for r, n := range perRegion {
		b.specs[r] = make([]spec, 0, n)
	}
	for i, d := range f.Days {
		where := func() string { return fmt.Sprintf("data/days.yaml: days[%d] (%s)", i, d.ID) }
		switch {
		case d.ID != "" && d.Name == "" && ids[d.ID]:
			// An entry with only an id and places adds places to the
			// day defined earlier (the regions' sections below reuse
			// new-year, christmas, eid-al-fitr...).
			if d.Kind != "" || d.Tone != "" || d.Greeting || len(d.Aliases) > 0 || d.Days != 0 {
				return nil, fmt.Errorf("%s: an entry adding places to %s gives only id and in", where(), d.ID)
			}
			ext := *b.defs[d.ID]
			ext.In = d.In
			d = ext
		case d.ID == "" || d.Name == "":
			return nil, fmt.Errorf("%s: id and name are required (an id alone adds places to a day defined above)", where())
		case ids[d.ID]:
			return nil, fmt.Errorf("%s: id used twice", where())
		default:
			ids[d.ID] = true
			b.defs[d.ID] = &f.Days[i]
		}
		for j, p := range d.In {
			s, err := b.compile(d, p)
			if err != nil {
				return nil, fmt.Errorf("%s: in[%d]: %w", where(), j, err)
			}
			for _, r := range p.Regions {
				if !knownRegion(r) {
					return nil, fmt.Errorf("%s: in[%d]: unknown region %q", where(), j, r)
				}
				b.specs[r] = append(b.specs[r], s)
				if keptIn[d.ID] == nil {
					keptIn[d.ID] = map[string]bool{}
				}
				keptIn[d.ID][r[:2]] = true
				b.maxDays = max(b.maxDays, s.days)
			}
		}
	}
	b.idRegions = sync.OnceValue(func() map[string][]string {
		var m map[string][]string
		if err := compact.Decode(idRegionsData, &m); err == nil {
			return m
		}
		return (&Calendar{data: b}).buildIDRegions() // a file that does not decode
	})
	b.byName = map[string]string{}
	for id, d := range b.defs {
		if len(id) > 2 && id[2] == '-' || len(keptIn[id]) < 3 {
			continue // a country's own day ("mx-independence-day", "memorial-day")
		}
		for _, n := range append([]string{d.Name}, d.Aliases...) {
			if k := strings.ToLower(n); len(k) > 3 && b.byName[k] == "" {
				b.byName[k] = id
			}
		}
	}
	return b, nil
}

func (b *builtin) compile(d dayDef, p placeDef) (spec, error) {
	s := spec{id: d.ID, name: first(p.Name, d.Name), local: p.Local, aliases: d.Aliases,
		greeting: d.Greeting, weight: p.Weight, days: max(p.Days, d.Days, 1), from: p.From, until: p.Until}
	if s.weight == 0 {
		s.weight = 1
	}
	if s.weight < 0 || s.weight > 1 {
		return s, fmt.Errorf("weight %v is not in (0, 1]", p.Weight)
	}
	if p.Days > 0 {
		s.days = p.Days
	}
	var ok bool
	if s.kind, ok = validKinds[first(p.Kind, d.Kind)]; !ok {
		return s, fmt.Errorf("unknown kind %q", first(p.Kind, d.Kind))
	}
	if s.tone, ok = validTones[first(p.Tone, d.Tone)]; !ok {
		return s, fmt.Errorf("unknown tone %q", first(p.Tone, d.Tone))
	}
	if s.substitute, ok = substituteRules[p.Substitute]; !ok {
		return s, fmt.Errorf("unknown substitute %q (want sunday, weekend, weekend-or-holiday, sunday-or-holiday or sat-fri-sun-mon)", p.Substitute)
	}
	var err error
	s.rule, err = parseRule(p.Rule, b.tables)
	return s, err
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}

// letterSlug is slug keeping letters of every script, so rickar/cal's
// Cyrillic and Greek names give distinct ids ("ru-день-россии").
func letterSlug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}
