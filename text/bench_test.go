package text

import (
	"testing"
	"unicode/utf8"
)

// post280 is a typical 280-character promotional post with a link,
// hashtags, a mention and emoji.
const post280 = "Friday feels! 🎉 Our summer sale is ON: save 30% on every jacket and get free shipping on orders over $50. " +
	"Shop now at https://shop.example.com/sale?utm=x before Sunday. Tag @ExampleBrand with #SummerSale #OOTD and tell us " +
	"your favourite look 😍 Limited time only, while stock lasts!!"

func BenchmarkAnalyse280(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(post280)))
	for b.Loop() {
		Analyse(post280, "")
	}
}

func BenchmarkAnalyse280Language(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Analyse(post280, "en")
	}
}

func TestPost280Length(t *testing.T) {
	if n := utf8.RuneCountInString(post280); n < 250 || n > 300 {
		t.Errorf("benchmark post has %d characters, want about 280", n)
	}
}

func BenchmarkEntities280(b *testing.B) {
	b.ReportAllocs()
	src := []rune(post280)
	for b.Loop() {
		extractEntities(post280, src)
	}
}

func BenchmarkTokenise280(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sc := newScanner(post280)
		sc.words(0, len(sc.f.r))
	}
}

func BenchmarkSignals280(b *testing.B) {
	b.ReportAllocs()
	d := Analyse(post280, "en")
	for b.Loop() {
		readSignals(d)
	}
}

func BenchmarkWeightedLength280(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		WeightedLength(post280)
	}
}

// TestAnalyseConcurrent reads posts from several goroutines at once: the
// pooled buffers and shared lexicons must not leak between them.
func TestAnalyseConcurrent(t *testing.T) {
	posts := []string{post280, "Ｆ*ck this sh1t #SummerSale", "Vi tenker på alle som er rammet.", "RIP Kobe. 24% off shoes https://example.com/shop"}
	want := make([][]Token, len(posts))
	for i, p := range posts {
		want[i] = Analyse(p, "").Tokens
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for n := 0; n < 200; n++ {
				i := (g + n) % len(posts)
				got := Analyse(posts[i], "").Tokens
				if len(got) != len(want[i]) {
					t.Errorf("post %d: %d tokens, want %d", i, len(got), len(want[i]))
					return
				}
				for k := range got {
					if got[k] != want[i][k] {
						t.Errorf("post %d token %d: %+v, want %+v", i, k, got[k], want[i][k])
						return
					}
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
