package checker

import (
	"context"
	"strings"
	"time"
)

// Tone says how a day should be treated in public.
type Tone string

// The tones of a day.
const (
	ToneCelebratory Tone = "celebratory"
	ToneNeutral     Tone = "neutral"
	ToneSolemn      Tone = "solemn"
	ToneFasting     Tone = "fasting"
)

// DayKind classifies a day in the calendar.
type DayKind string

// The kinds of day.
const (
	DayPublic     DayKind = "public"     // a public (bank) holiday
	DayObservance DayKind = "observance" // Mother's Day, Valentine's, Halloween
	DaySolemn     DayKind = "solemn"     // 9/11, Remembrance Day, Anzac Day, Norway's 22 July
	DayReligious  DayKind = "religious"  // Yom Kippur, Ramadan, Diwali
	DayCompany    DayKind = "company"    // a brand's own blackout or anniversary from preflight.yaml
)

// Observance is one occurrence of a day (or span of days, like Ramadan) in
// one region, with its span in that region's local time.
type Observance struct {
	ID        string   `json:"id"`   // stable key, e.g. "us-memorial-day", "yom-kippur"
	Name      string   `json:"name"` // English name
	LocalName string   `json:"local_name,omitempty"`
	Aliases   []string `json:"aliases,omitempty"` // other ways people write it ("9/11", "Patriot Day")
	Kind      DayKind  `json:"kind"`
	Tone      Tone     `json:"tone"`
	Region    string   `json:"region"`  // the region this occurrence is for
	Regions   []string `json:"regions"` // every supported region that keeps the day
	// Date is the civil date (YYYY-MM-DD) the day is known by; multi-day
	// observances give their first day.
	Date string `json:"date"`
	// Start and End bound the observance in the region's local time: an
	// evening start for Jewish and Islamic days.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Weight (0–1] says how widely the region keeps it: 1 for a national
	// public or solemn day, less for a minority community's religious day.
	Weight float64 `json:"weight"`
	// Greeting is true when "Happy <name>" is a normal thing to say.
	Greeting bool `json:"greeting,omitempty"`
}

// Calendar answers what days an audience is living through. Implementations
// precompute and must be safe for concurrent use.
type Calendar interface {
	// At returns the observances in force at instant t in region.
	At(region string, t time.Time) []Observance
	// Between returns the observances in region that overlap [from, to),
	// ordered by start.
	Between(region string, from, to time.Time) []Observance
	// Regions lists the supported region codes.
	Regions() []string
}

// CrisisClass says what kind of bad news an article is about.
type CrisisClass string

// The crisis classes ingestion derives from articles.
const (
	CrisisNone     CrisisClass = ""
	CrisisAttack   CrisisClass = "attack"   // terrorism, mass-casualty attack, bombing
	CrisisShooting CrisisClass = "shooting" // mass shooting
	CrisisDisaster CrisisClass = "disaster" // flood, hurricane, earthquake, wildfire, crash
	CrisisDeath    CrisisClass = "death"    // death of a public figure
	CrisisScandal  CrisisClass = "scandal"  // an organisation's scandal, lawsuit, fine, recall, strike, price rise
	CrisisUnrest   CrisisClass = "unrest"   // riots, protests, coups, war
	CrisisMourning CrisisClass = "mourning" // national mourning declared
	CrisisTrending CrisisClass = "trending" // a hashtag campaign about a tragedy or abuse (#WhyIStayed)
)

// Article is a news story as the index knows it, including what ingestion
// derived from it.
type Article struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Summary   string      `json:"summary,omitempty"`
	Body      string      `json:"body,omitempty"`
	URL       string      `json:"url,omitempty"`
	Source    string      `json:"source,omitempty"`
	Published time.Time   `json:"published"`
	Language  string      `json:"language,omitempty"`
	Regions   []string    `json:"regions,omitempty"`
	Crisis    CrisisClass `json:"crisis,omitempty"`
	Severity  float64     `json:"severity,omitempty"` // 0–1: how grave (deaths, scale)
	Entities  []string    `json:"entities,omitempty"` // named places, organisations, people
	Hashtags  []string    `json:"hashtags,omitempty"`
	// Score is the query relevance when the article came from a search.
	Score float64 `json:"score,omitempty"`
	// Ingested is when the news index took the article in (by its clock),
	// beside Published, so a replay can tell what was known when. Zero for
	// articles indexed before it was recorded.
	Ingested time.Time `json:"ingested,omitzero"`
}

// NewsQuery asks the index for articles published in (At-Window, At]. News
// published after At must never be returned: a backtest must not see the
// future.
type NewsQuery struct {
	At     time.Time
	Window time.Duration
	// Terms are names or words from the post (places, people, hashtag
	// words); an article matches when it mentions any of them. Empty: no
	// text condition.
	Terms []string
	// Phrases are words an article must hold in its text, any of them
	// (with Terms: any of either; each phrase's words all present, not
	// necessarily in order): a brand written in Hangul, Han or kana
	// letters, which an article in those letters names without the
	// capitals a name is read by. Only read with AnyClass.
	Phrases []string
	// Regions restricts to articles about these regions. Empty: any.
	Regions []string
	// Classes restricts to these crisis classes. Empty: any crisis class
	// (articles with no crisis class are never returned unless AnyClass).
	Classes  []CrisisClass
	AnyClass bool
	// MinSeverity drops articles graded below it.
	MinSeverity float64
	Limit       int
}

// LeadTerm is the term of NewsQuery.Terms (and of a news.Index's
// mentions) that finds the articles whose headline opens with the word w,
// in any case, whether or not the word was read as a name there: a
// capitalised first word of a headline is a name only with more evidence
// ("Gunman kills three"), yet "Telstra mobile outage leaves millions
// without service" is Telstra's news. The rules that look for a brand's
// news ask for it beside the brand's names; a post's places and people are
// looked up by their names alone.
func LeadTerm(w string) string { return "^" + strings.ToLower(w) }

// News is the news index as rules see it. Implementations must be safe for
// concurrent use.
type News interface {
	Search(ctx context.Context, q NewsQuery) ([]Article, error)
}

// NewsGeneration is a News that counts its committed changes: a search's
// answer holds while the generation is the same, so a rule may reuse it
// across posts (news.Index is one).
type NewsGeneration interface {
	Generation() uint64
}
