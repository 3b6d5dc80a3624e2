package text

import (
	"reflect"
	"testing"
)

func TestLanguage(t *testing.T) {
	for _, c := range []struct{ text, tag, want string }{
		{"We are so excited to share our new collection with you", "", "en"},
		{"Vi gleder oss til å vise deg den nye kolleksjonen vår", "", "no"},
		{"Eg veit ikkje kva eg skal gjere i dag", "", "no"},
		{"Blåbærsyltetøy på tilbud!", "", ""}, // Danish writes it alike: undecided, not a guess
		{"Blåbærsyltetøy på tilbud i hele uke 42, kjøp to og få den tredje gratis", "", "no"},
		{"I love it", "", "en"},
		{"🎉🎉", "", ""},
		{"Hola Diego, por favor siguenos en Twitter para más instrucciones", "", "es"},
		{"Du kannst bei den Kategorien auswählen, wobei ersteres deinem Wunsch entspricht", "", "de"},
		{"こんにちは、アマゾン公式です。ET", "", "ja"}, // by its script (script.go)
		{"Tack för hjälpen, jag är glad att vi kunde lösa det", "", "sv"},
		{"Tak for hjælpen, jeg er glad for at vi kunne løse det", "", "da"},
		{"Merci pour votre aide, nous sommes ravis", "", "fr"},
		{"Grazie per il vostro aiuto, siamo contenti", "", "it"},
		{"Obrigado pela ajuda, estamos muito felizes", "", "pt"},
		{"Bedankt voor je hulp, we zijn blij", "", "nl"},
		{"Dziękujemy za pomoc, jesteśmy bardzo zadowoleni", "", "pl"},
		{"Kiitos avusta, olemme todella iloisia", "", "fi"},
		{"Yardımınız için teşekkürler, çok mutluyuz", "", "tr"},
		{"Anna Knull", "", ""}, // too short to tell: not a guess
		{"anything", "nb", "no"},
		{"anything", "nn-NO", "no"},
		{"anything", "no-NO", "no"},
		{"anything", "en-US", "en"},
		{"anything", "de-DE", "de"},
	} {
		if got := Analyse(c.text, c.tag).Language; got != c.want {
			t.Errorf("Analyse(%q, %q).Language = %q, want %q", c.text, c.tag, got, c.want)
		}
	}
}

func TestSentencesAndNames(t *testing.T) {
	d := Analyse("Good luck to everyone running the Boston Marathon today! The Bank of America team is ready. We love #BostonStrong and NASA.", "en")
	var sents, names []string
	for _, s := range d.Sentences() {
		sents = append(sents, d.Slice(s))
	}
	for _, s := range d.Names() {
		names = append(names, d.Slice(s))
	}
	wantS := []string{"Good luck to everyone running the Boston Marathon today!", "The Bank of America team is ready.", "We love #BostonStrong and NASA."}
	wantN := []string{"Boston Marathon", "Bank of America", "BostonStrong", "NASA"}
	if !reflect.DeepEqual(sents, wantS) {
		t.Errorf("Sentences = %q, want %q", sents, wantS)
	}
	if !reflect.DeepEqual(names, wantN) {
		t.Errorf("Names = %q, want %q", names, wantN)
	}
	if got := len(d.Words()); got != 20 {
		t.Errorf("Words: %d, want 20", got)
	}
}

func TestNamesAbbreviationsAndDays(t *testing.T) {
	d := Analyse("Happy St. Patrick's Day! Mr. Smith opens on Sunday, see J. K. Rowling on Black Friday.", "en")
	var names []string
	for _, s := range d.Names() {
		names = append(names, d.Slice(s))
	}
	want := []string{"Happy St. Patrick's Day", "Mr. Smith", "J. K. Rowling", "Black Friday"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Names = %q, want %q", names, want)
	}
	if n := len(d.Sentences()); n != 2 {
		t.Errorf("%d sentences, want 2", n)
	}
}

func TestSingleTokens(t *testing.T) {
	for _, w := range []string{"Scunthorpe", "Middlesex", "cocktail", "shiitake", "Penistone", "analytics", "therapist", "classic", "Essex", "Sussex"} {
		d := Analyse(w, "en")
		if len(d.Tokens) != 1 || d.Tokens[0].Raw != w || d.Tokens[0].Obfuscated {
			t.Errorf("%q: tokens %+v, want one plain token", w, d.Tokens)
		}
	}
}
