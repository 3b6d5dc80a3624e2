package news

import (
	"fmt"
	"math/rand"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// SyntheticStart is when synthetic news begins; it spans one year.
var SyntheticStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	synPlaces = []string{"Houston", "Orlando", "Bangkok", "Christchurch", "Bergen", "Lyon", "Osaka", "Leeds", "Denver",
		"Porto", "Kraków", "Nairobi", "Lima", "Perth", "Tampa", "Dublin", "Oslo", "Toronto", "Seville", "Hanoi",
		"Lindenfield", "Marrowby", "Eastcombe", "Tarnwick", "Pellham", "Quillon", "Brackmoor", "Soltvik"}
	synOrgs = []string{"Acme Foods", "Northwind Air", "Globex", "Initech", "Umbrella Pharma", "Vandelay Industries",
		"Stark Motors", "Wayne Energy", "Hooli", "Pied Piper", "Soylent Corp", "Cyberdyne"}
	synPeople = []string{"Marla Quinton", "Ravi Senn", "Ola Nordmann", "Jane Kettering", "Tomas Varga", "Lena Ahlberg"}
	synThings = []string{"library", "stadium", "bridge", "market", "school", "festival", "park", "museum", "harbour", "airport"}
)

// Synthetic returns n reproducible articles spread over a year from
// SyntheticStart, about one in twenty of them crisis news, for tests and
// benchmarks.
func Synthetic(n int, seed int64) []checker.Article { return synthetic(n, seed) }

func synthetic(n int, seed int64) []checker.Article {
	r := rand.New(rand.NewSource(seed))
	step := 365 * 24 * time.Hour / time.Duration(max(n, 1))
	out := make([]checker.Article, n)
	for i := range out {
		place := synPlaces[r.Intn(len(synPlaces))]
		org := synOrgs[r.Intn(len(synOrgs))]
		person := synPeople[r.Intn(len(synPeople))]
		thing := synThings[r.Intn(len(synThings))]
		var title, summary string
		switch k := r.Intn(100); {
		case k < 1:
			title = fmt.Sprintf("Gunman kills %d at %s in %s", 3+r.Intn(40), thing, place)
			summary = fmt.Sprintf("Police in %s said the attacker opened fire near the %s.", place, thing)
		case k < 2:
			title = fmt.Sprintf("Flooding swamps %s; thousands evacuated", place)
			summary = fmt.Sprintf("Record rain flooded parts of %s overnight, killing %d.", place, r.Intn(30))
		case k < 3:
			title = fmt.Sprintf("%s dies aged %d", person, 50+r.Intn(40))
			summary = "Tributes poured in after the news."
		case k < 5:
			title = fmt.Sprintf("%s fined over %s safety failures", org, thing)
			summary = fmt.Sprintf("Regulators said %s ignored warnings; a lawsuit is expected.", org)
		case k < 40:
			title = fmt.Sprintf("%s council approves new %s plan", place, thing)
			summary = fmt.Sprintf("The %s in %s will reopen next year after a long debate.", thing, place)
		case k < 70:
			title = fmt.Sprintf("%s reports higher quarterly sales", org)
			summary = fmt.Sprintf("%s said demand rose in %s and beyond.", org, place)
		default:
			title = fmt.Sprintf("%s opens a new %s exhibition", person, thing)
			summary = fmt.Sprintf("Visitors in %s queued for hours.", place)
		}
		pub := SyntheticStart.Add(time.Duration(i)*step + time.Duration(r.Int63n(int64(step)+1)))
		out[i] = checker.Article{ID: fmt.Sprintf("syn-%d-%d", seed, i), Title: title, Summary: summary,
			URL: fmt.Sprintf("https://news.example.test/%d/%d", seed, i), Source: "synthetic", Published: pub}
	}
	return out
}
