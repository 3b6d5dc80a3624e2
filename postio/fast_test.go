package postio

import (
	"fmt"
	"reflect"
	"testing"
)

var fastSeeds = []string{
	`{"id":"a","text":"Hello <b> & \u00e9 \ud83c\udf89","scheduled_at":"2026-01-02T10:00:00Z","regions":["us","uk"]}`,
	`{"id": 7, "text": "x", "platform": "Twitter", "kind": "REPLY", "regions": "US, NO"}`,
	`  {"TEXT":"case-insensitive keys","Brand":"Northway","language":"en","in_reply_to":"123"}  `,
	`{"text":"media","media":[{"url":"https://e.com/a.png","alt":"a cat"},{"ALT":""},{}]}`,
	`{"text":"unknown","colour":"red"}`,
	`{"text":"dup","text":"again"}`,
	`{"text":"dup case","Text":"again"}`,
	`{"text":null}`, `{"text":5}`, `{"text":"x","regions":null}`, `{"text":"x","id":null}`, `{"text":"x","id":{"a":1}}`,
	`{"text":"x","media":[{"url":"u","size":3}]}`, `{"text":"x","media":{}}`, `{"text":"x","media":null}`,
	`{"text":"x"} {"text":"y"}`, `{"text":"x",}`, `[{"text":"x"}]`, `{"text":"lone \ud800 surrogate"}`,
	`{"text":"x","scheduled_at":"yesterday"}`, `{"text":"","platform":"myspace"}`, `{}`, ``, `"text"`,
	"{\"text\":\"tab\\tnewline\\n\",\n \"kind\":\"post\"\n}",
}

// Whatever decodeFast accepts, the reflective decoder reads the same way:
// the same post, text position and error.
func checkFastAgrees(t *testing.T, data []byte) {
	w, off, ok := decodeFast(data)
	if !ok {
		return
	}
	p, err := w.post()
	rp, roff, rerr := decodeReflect(data)
	if !reflect.DeepEqual(p, rp) || off != roff || fmt.Sprint(err) != fmt.Sprint(rerr) {
		t.Fatalf("%q:\nfast    %+v %d %v\nreflect %+v %d %v", data, p, off, err, rp, roff, rerr)
	}
}

func TestDecodeFastAgreesWithReflect(t *testing.T) {
	fast := 0
	for _, s := range fastSeeds {
		checkFastAgrees(t, []byte(s))
		if _, _, ok := decodeFast([]byte(s)); ok {
			fast++
		}
	}
	if fast < 6 {
		t.Errorf("only %d of the seeds took the fast path", fast)
	}
}

func FuzzDecodeFast(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkFastAgrees(t, []byte(s)) })
}

func BenchmarkDecodePost(b *testing.B) {
	data := []byte(`{"id": "twcs-1", "text": "@115712 I understand. I would like to assist you. We would need to get you into a private secured link to further assist.", "scheduled_at": "2017-10-31T22:10:47Z", "platform": "x", "kind": "reply", "brand": "sprintcare", "regions": ["US"]}`)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			decodePost(data)
		}
	})
	b.Run("reflect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			decodeReflect(data)
		}
	})
}
