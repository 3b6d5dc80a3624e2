package reply

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// benignReplies are ordinary customer-care replies near the reply rules'
// words and patterns; every one must pass.
var benignReplies = []string{
	"Sorry about that, Alex! Please send us a DM with your order number and we'll fix it today.",
	"You should have received a confirmation email; can you check your spam folder?",
	"Actually, you can return it in any of our stores within 30 days.",
	"That's not what we want to hear. Please DM us so we can make it right.",
	"We'd never want you to feel that way. Let's sort this out in DM.",
	"Call our support team on 0800 123 4567, open 8am to 8pm.",
	"You can reach our Customer Care team at 1-800-555-0123.",
	"Email help@northway.com with the details and we'll reply within a day.",
	"Our store at 12 Main St opens at 9am tomorrow.",
	"Your order should arrive in 3 to 5 working days.",
	"Flight 1234 departs from gate 22 at 14:35.",
	"We've added 500 points to your account as a thank you.",
	"Thanks Sue! We've passed this on to the team.",
	"The case number for your claim is in the email we sent.",
	"Prices start at $1,299 for the 13-inch model.",
	"Please follow us and DM your account details so we can look into it.",
	"Unlike last year, the sale runs online and in store.",
	"Hei! Send oss en DM med ordrenummeret ditt, så ser vi på det.",
	"Beklager ventetiden! Ring kundeservice på 22 33 44 55 om du vil snakke med oss.",
	"Takk for tilbakemeldingen, vi har sendt den videre.",
}

func TestBenignReplies(t *testing.T) {
	for _, s := range benignReplies {
		rep := check(t, s)
		if rep.Verdict != checker.VerdictPass {
			t.Errorf("%q: %s %q", s, rep.Verdict, summary(rep.Findings))
		}
	}
}
