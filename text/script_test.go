package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestScriptLanguage(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"地震だ!!!!!火の用心!!!! #プロメア", "ja"},
		{"新商品のセール SALE 50%OFF!", "ja"}, // Han and kana outweigh two English words
		{"新商品 SALE 50%OFF!", "zh"},     // Han alone reads as Chinese
		{"타이타닉 빙산을 만나다", "ko"},
		{"新潟发生强烈地震", "zh"}, // Han alone
		{"Распродажа! Скидки 50% в Москве", "ru"},
		{"Знижки для всіх наших клієнтів", "uk"}, // і
		{"تخفيضات كبيرة في الرياض اليوم", "ar"},
		{"تخفیف ویژه برای مشتریان گرامی", "fa"}, // گ
		{"भूकंप सेल आज से शुरू", "hi"},
		{"ลดราคา วันนี้ เท่านั้น", "th"},
		{"Ευχαριστούμε για την υποστήριξή σας", "el"},
		// Near misses: a Latin text keeps its model's decision, a single
		// letter of another script decides nothing, a script Preflight
		// does not read is unknown.
		{"We are so excited to share our new collection with you 日本", "en"},
		{"Love this café in Москва so much, we are back next week", "en"},
		{"Я", ""},
		{"Բարև ձեզ, մեր նոր խանութը բաց է", ""}, // Armenian
		{"🎉🎉", ""},
	} {
		if got := Analyse(c.text, "").Language; got != c.want {
			t.Errorf("Analyse(%q).Language = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestScriptTokens: punctuation after Japanese letters ends the word and
// the sentence; it is not leetspeak for "i" as in "sh!t".
func TestScriptTokens(t *testing.T) {
	d := Analyse("地震だ!!!!!火の用心", "")
	var got []string
	for _, tk := range d.Tokens {
		got = append(got, tk.Norm)
	}
	if want := []string{"地震だ", "火の用心"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
	if !d.Tokens[1].SentenceStart {
		t.Error("火の用心 should start a sentence")
	}
}

func TestLexiconScripts(t *testing.T) {
	lex, err := NewLexicon([]Entry{
		{Phrase: "地震"}, {Phrase: "セール"}, {Phrase: "火"}, {Phrase: "แผ่นดินไหว"},
		{Phrase: "빙산"}, {Phrase: "세일"}, {Phrase: "скидка"}, {Phrase: "землетрясение"},
		{Phrase: "تخفيضات"}, {Phrase: "भूकंप"}, {Phrase: "お悔やみ", Lang: "ja"},
		{Phrase: "법적 조치"}, {Phrase: "भूकंप राहत"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want []string // matched original text
	}{
		{"新潟で大きな地震", []string{"地震"}},
		{"地震だ!!!!!火の用心!!!! #プロメア", []string{"地震"}}, // one letter (火) is never matched inside
		{"#大地震", []string{"地震"}},
		{"ｾｰﾙ開催中", []string{"ｾｰﾙ"}}, // half-width kana, folded
		{"ﾃﾞｼﾞﾀﾙｾｰﾙ", []string{"ｾｰﾙ"}},
		{"ข่าวแผ่นดินไหวล่าสุด", []string{"แผ่นดินไหว"}},
		{"타이타닉 빙산을 만나다", []string{"빙산을"}},
		{"빙산에서도", []string{"빙산에서도"}},
		{"세일은", []string{"세일은"}},
		{"빙산했다", []string{"빙산했다"}}, // a noun made a verb with 하다
		{"Большая скидки сегодня", []string{"скидки"}},
		{"После землетрясения", []string{"землетрясения"}},
		{"التخفيضات الكبرى", []string{"التخفيضات"}}, // with the article
		{"تخفيضات كبرى", []string{"تخفيضات"}},
		{"भूकंपों के बाद", []string{"भूकंपों"}},
		{"भूकंप के बाद", []string{"भूकंप"}},
		{"心からお悔やみ申し上げます", []string{"お悔やみ"}},
		// A phrase's words take their particles and endings too.
		{"법적 조치를 취하겠습니다", []string{"법적 조치를"}},
		{"भूकंप राहतों", []string{"भूकंप राहतों", "भूकंप"}},
		{"법적 조치사항", nil}, // more than a particle
		// Near misses.
		{"火曜日のランチ", nil},
		{"빙하기", nil},             // another word sharing a syllable
		{"세일즈맨과 세일러문의 세일링", nil}, // more than a particle after the word
		{"Скидочный", nil},
		{"seismic sale", nil},
	} {
		d := Analyse(c.text, "")
		got := matchedTexts(d, lex.Find(d))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestLexiconScriptLanguage: an entry for one language does not match a
// post detected in another.
func TestLexiconScriptLanguage(t *testing.T) {
	lex := MustLexicon([]Entry{{Phrase: "地震", Lang: "ja"}})
	if got := lex.Find(Analyse("新潟发生强烈地震", "")); len(got) != 0 {
		t.Errorf("a Japanese entry matched a Chinese post: %v", got)
	}
	if got := lex.Find(Analyse("新潟で強い地震", "")); len(got) != 1 {
		t.Errorf("a Japanese entry did not match a Japanese post: %v", got)
	}
}

// TestScriptSignals: the tone vocabulary reads posts in the scripts
// Preflight detects; ordinary posts in them carry no signal.
func TestScriptSignals(t *testing.T) {
	for _, c := range []struct {
		text string
		sig  Signal
		want string // the signal's spans, joined by |; "" for none
	}{
		{"夏のセール開催中！全品半額", SignalPromotional, "セール|半額"},
		{"双十一大促销，全场打折", SignalPromotional, "促销|打折"},
		{"오늘만 세일! 전 품목 할인", SignalPromotional, "세일|할인"},
		{"Большая распродажа: скидки до 50%", SignalPromotional, "распродажа|скидки"},
		{"تخفيضات كبيرة على كل المنتجات", SignalPromotional, "تخفيضات"},
		{"दिवाली सेल में भारी छूट", SignalPromotional, "सेल|छूट"},
		{"ลดราคาทั้งร้าน วันนี้เท่านั้น", SignalPromotional, "ลดราคา"},
		{"今日はパーティーだ", SignalLightHearted, "パーティー"},
		{"ㅋㅋㅋㅋ 너무 웃겨", SignalLightHearted, "ㅋㅋㅋㅋ"},
		{"リツイートで抽選10名様にプレゼント", SignalEngagement, "リツイート|抽選"},
		{"犠牲者の方々に心よりお悔やみ申し上げます", SignalCondolence, "犠牲者|お悔やみ"},
		{"희생자분들의 명복을 빕니다", SignalCondolence, "명복을"},
		{"Скорбим вместе с семьями погибших", SignalCondolence, "Скорбим|погибших"},
		// Near misses: ordinary posts.
		{"新しいメニューができました。ぜひお店に来てください", SignalPromotional, ""},
		{"今日は雨ですね。傘を忘れずに", SignalLightHearted, ""},
		{"세일즈 팀이 새 직원을 뽑습니다", SignalPromotional, ""},
		{"Наш магазин открыт с девяти утра", SignalPromotional, ""},
		{"新年快乐，我们明天照常营业", SignalPromotional, ""},
	} {
		d := Analyse(c.text, "")
		if got := strings.Join(spansText(d, d.Signals.Of(c.sig)), "|"); got != c.want {
			t.Errorf("%q (%s): %s %q, want %q", c.text, d.Language, c.sig, got, c.want)
		}
	}
}

// TestCutEnding: a Korean particle or a Hindi noun ending written onto a
// word is cut off, the longest first, leaving the letters asked for; a
// word with none keeps its letters.
func TestCutEnding(t *testing.T) {
	for _, c := range []struct {
		w    string
		keep int
		want string
		cut  bool
	}{
		{"시청역에서", 3, "시청역", true},
		{"시청역", 3, "시청역", false},
		{"역에", 3, "역에", false}, // too short to cut
		{"세일즈", 2, "세일즈", false},
		{"भूकंपों", 2, "भूकंप", true},
		{"station", 3, "station", false},
	} {
		if got, cut := CutEnding(c.w, c.keep); got != c.want || cut != c.cut {
			t.Errorf("CutEnding(%q, %d) = %q, %v; want %q, %v", c.w, c.keep, got, cut, c.want, c.cut)
		}
	}
}
