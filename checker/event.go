package checker

import (
	"context"
	"time"
)

// Reach says how far an event's consequences carry: who is living through it.
type Reach int

// The reaches, narrowest first.
const (
	ReachLocal         Reach = iota + 1 // one town or district
	ReachRegional                       // a state, a province, a large city
	ReachNational                       // a whole country
	ReachInternational                  // several countries, or the world
)

var reachNames = [...]string{"", "local", "regional", "national", "international"}

// String names the reach.
func (r Reach) String() string {
	if r < ReachLocal || r > ReachInternational {
		return "unknown"
	}
	return reachNames[r]
}

// EventTerm is one word or phrase of an event's vocabulary: its stemmed form
// (words joined by spaces: "off the rail"), how strongly it evokes the event
// (0–1), and where it comes from ("articles", or "wordnet:flood" for the
// vocabulary of the event's kind).
type EventTerm struct {
	Stem   string  `json:"stem"`
	Weight float64 `json:"weight"`
	Source string  `json:"source"`
}

// Event is a happening as the news covered it up to a moment: the articles
// about it grouped by shared names, places, time and class.
type Event struct {
	ID       string      `json:"id"`
	Headline string      `json:"headline"` // the title that best says what happened
	URL      string      `json:"url,omitempty"`
	Class    CrisisClass `json:"class"`
	// Kinds are the kinds of event it is (flood, earthquake, shooting …),
	// read from its articles' words.
	Kinds []string `json:"kinds,omitempty"`
	// First and Last bound the coverage seen so far; Until estimates when
	// the event stops being raw (a figure's death quiets in days, a
	// mass-casualty attack stays sensitive for about a week).
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	Until time.Time `json:"until"`
	// Mourned is true when the coverage says national mourning was
	// declared: the country's shock lasts as long as the event does.
	Mourned bool `json:"mourned,omitempty"`
	// Severity (0–1) is the gravest article's, raised by coverage;
	// Salience (0–1) grows with the number of articles and sources.
	Severity float64 `json:"severity"`
	Salience float64 `json:"salience"`
	Articles int     `json:"articles"`
	Sources  int     `json:"sources"`
	Reach    Reach   `json:"reach"`
	// Countries are where it happened (ISO codes, most covered first).
	Countries []string `json:"countries,omitempty"`
	Places    []string `json:"places,omitempty"`
	// PlacesWritten maps the Places' names in other scripts (新潟,
	// Москва) to the name in Places they stand for (Niigata, Moscow), so
	// a post in another script that names the place meets the event.
	PlacesWritten map[string]string `json:"places_written,omitempty"`
	Names         []string          `json:"names,omitempty"`
	// Toll is the largest death toll read from its articles.
	Toll int `json:"toll,omitempty"`
	// Vocabulary is what the event makes loaded: the salient words of its
	// articles, heaviest first.
	Vocabulary []EventTerm `json:"vocabulary,omitempty"`
	// KindVocabulary is the vocabulary of its kinds of event (from a
	// lexical resource). It is shared between events of the same kinds:
	// read it, never modify it.
	KindVocabulary []EventTerm `json:"kind_vocabulary,omitempty"`
	// Evidence holds its most telling articles.
	Evidence []Article `json:"evidence,omitempty"`
}

// EventQuery asks for the events covered in (At-Window, At]; articles
// published after At never count.
type EventQuery struct {
	At          time.Time
	Window      time.Duration
	MinSeverity float64
	// Classes keeps events of these classes; empty: any.
	Classes []CrisisClass
	// Countries keeps events in these countries (ISO codes) and events
	// that cross borders; empty: any. Rules pass the audience's countries
	// and their neighbours.
	Countries []string
	Limit     int
}

// EventNews is implemented by news indexes that group articles into events.
// Rules use it when the configured News offers it. What Events returns may
// be shared with other callers (an index remembers its answers): read the
// slice and its events, never change them; copy what must change.
type EventNews interface {
	Events(ctx context.Context, q EventQuery) ([]Event, error)
}
