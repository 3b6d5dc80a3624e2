package content

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// benignPosts are ordinary brand posts that use words near the lexicons
// (idioms, place names, product words); every one must pass.
var benignPosts = []string{
	"Killer deals all weekend: our burgers are to die for!",
	"This new cake is the bomb. Come and try it.",
	"Shoot us a DM and we'll sort it out.",
	"We're blown away by your support this year.",
	"Fresh from our Scunthorpe bakery: shiitake and grape focaccia.",
	"Photo shoot day! Meet the team behind the new collection.",
	"Our hot sauce range: from mild to wild.",
	"Happy hour: 2-for-1 cocktails every Friday from 5pm.",
	"Pair our cheese board with a glass of white wine.",
	"Craft beer tasting this Saturday at our Middlesbrough store.",
	"New bath bombs are here in six scents.",
	"The winter sale starts now: 40% off coats and boots.",
	"Join our analytics team: we're hiring a data therapist, just kidding, a data analyst.",
	"Classic grape soda is back by popular demand.",
	"We assess every supplier for fair labour practices.",
	"Our bass guitars are on sale this week.",
	"Hello Essex! Our new Sussex and Middlesex stores open Monday.",
	"Black Friday starts now for the whole family.",
	"We'll bend over backwards to get your order to you on time.",
	"Come inside and warm up with a free hot chocolate.",
	"Swing by our Penistone shop for the cocktail masterclass.",
	"Our president, Dana Hill, will speak at the conference.",
	"Vote for your favourite flavour in our poll!",
	"Wasted food is wasted money: here are five tips to cut waste.",
	"The party starts at 8: bring your friends!",
	"Our new blazer comes in black, white and brown.",
	"I've passed your feedback on to the team.",
	"Thanks for shopping with us! I hope you love it.",
	"Don't drink and drive this holiday season.",
	"Room 420 at the conference hotel is our pop-up shop.",
	"Spot the difference between our old and new logo!",
	"Meet our new mascot, a friendly monkey named Milo.",
	"Shooting stars and hot cocoa: our winter menu is here.",
	"Dick's Sporting Goods now stocks our running shoes.",
	"Hurricane season prep: here's our checklist for your home.",
	"Great tits and blue tits love our bird feeders.",
	"Mental health matters: our team gets two wellbeing days a year.",
	"Our chairs are handmade in Norway.",
	"God jul og godt nytt år fra alle oss!",
	"Vi har åpent hele helgen. Velkommen innom!",
	"Nytt i butikken: strikkegensere i seks farger.",
	"Sving til høyre ved rundkjøringen for å finne oss.",
	"Takk for en fantastisk sommer, vi sees i høst!",
	"Gratis frakt på alle bestillinger over 500 kr.",
	"Vi søker nye medarbeidere til butikken i Bergen.",
	"Full pris? Nei takk, 30% rabatt hele uka.",
	"Our trump card this season: free returns.",
	"Michelle, thanks for the lovely review!",
	"The game was a real nail-biter last night.",
	"Our new mattress is soft, supportive and made to last.",
}

func TestBenignPosts(t *testing.T) {
	for _, s := range benignPosts {
		rep := check(t, checker.Post{Text: s})
		if rep.Verdict != checker.VerdictPass {
			var got []string
			for _, f := range rep.Findings {
				got = append(got, found(f))
			}
			t.Errorf("%q: %s %q", s, rep.Verdict, got)
		}
	}
}
