package text_test

import (
	"fmt"

	"github.com/preflight-dev/preflight/text"
)

func ExampleAnalyse() {
	d := text.Analyse("Ｆ*ck it: 30% off at shop.example.com/sale #FridayFeels", "")
	for _, t := range d.Tokens {
		fmt.Printf("%q → %q obfuscated=%v %v\n", t.Raw, t.Norm, t.Obfuscated, t.Span)
	}
	fmt.Println(d.Language, d.Signals.IsPromotional(), d.Signals.IsLightHearted())
	// Output:
	// "Ｆ*ck" → "fuck" obfuscated=true {0 4}
	// "it" → "it" obfuscated=false {5 7}
	// "30" → "30" obfuscated=false {9 11}
	// "off" → "off" obfuscated=false {13 16}
	// "at" → "at" obfuscated=false {17 19}
	// "shop.example.com/sale" → "shop.example.com/sale" obfuscated=false {20 41}
	// "#FridayFeels" → "fridayfeels" obfuscated=false {42 54}
	// en true true
}

func ExampleNormaliseMap() {
	norm, offsets := text.NormaliseMap("Ｓh1t, ѕех!")
	fmt.Println(norm, offsets)
	// Output: shit sex [0 1 2 3 6 6 7 8 10]
}

func ExampleParseTweet() {
	tl := text.ParseTweet("Party time 🎉 https://example.com/a/very/long/link/that/counts/as/23")
	fmt.Println(tl.Weighted, tl.Valid)
	// Output: 37 true
}
