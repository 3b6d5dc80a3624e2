package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The Standard Webhooks headers (https://www.standardwebhooks.com).
const (
	headerWebhookID        = "webhook-id"
	headerWebhookTimestamp = "webhook-timestamp"
	headerWebhookSignature = "webhook-signature"
)

// signatureError says why a delivery was refused; the reason is safe to
// show the sender.
type signatureError struct{ reason string }

func (e *signatureError) Error() string { return e.reason }

// verifier checks Standard Webhooks signatures: HMAC-SHA256 over
// "id.timestamp.body" with any of several secrets (rotation), a timestamp
// within the tolerance of the injected clock. What a repeated webhook-id
// gets is the delivery store's business.
type verifier struct {
	keys      [][]byte
	tolerance time.Duration
	now       func() time.Time
}

// parseSecret reads "whsec_<base64>" (the prefix is optional).
func parseSecret(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	b64 := strings.TrimPrefix(s, "whsec_")
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		if key, err = base64.RawStdEncoding.DecodeString(b64); err != nil {
			return nil, fmt.Errorf("webhook secret is not whsec_ followed by base64")
		}
	}
	if len(key) < 16 {
		return nil, fmt.Errorf("webhook secret is too short (%d bytes; use at least 24 random bytes)", len(key))
	}
	return key, nil
}

// splitSecrets splits a comma- or space-separated list of secrets.
func splitSecrets(list ...string) []string {
	var out []string
	for _, s := range list {
		out = append(out, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' })...)
	}
	return out
}

func newVerifier(secrets []string, tolerance time.Duration, now func() time.Time) (*verifier, error) {
	v := &verifier{tolerance: tolerance, now: now}
	for i, s := range secrets {
		k, err := parseSecret(s)
		if err != nil {
			return nil, fmt.Errorf("hook secret %d: %w", i+1, err)
		}
		v.keys = append(v.keys, k)
	}
	return v, nil
}

// sign returns the v1 signature of a delivery with key.
func sign(key []byte, id string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write(strconv.AppendInt(nil, ts, 10))
	m.Write([]byte{'.'})
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// verify checks one delivery's signature and timestamp and returns the time
// it was signed.
func (v *verifier) verify(id, timestamp, signature string, body []byte) (time.Time, error) {
	if id == "" || timestamp == "" || signature == "" {
		var missing []string
		for _, h := range [][2]string{{headerWebhookID, id}, {headerWebhookTimestamp, timestamp}, {headerWebhookSignature, signature}} {
			if h[1] == "" {
				missing = append(missing, h[0])
			}
		}
		return time.Time{}, &signatureError{"unsigned request: missing " + strings.Join(missing, ", ") + " header(s); sign deliveries with Standard Webhooks"}
	}
	ts, err := strconv.ParseInt(strings.TrimSpace(timestamp), 10, 64)
	if err != nil {
		return time.Time{}, &signatureError{"webhook-timestamp must be Unix seconds"}
	}
	now := v.now()
	sent := time.Unix(ts, 0)
	if d := now.Sub(sent); d > v.tolerance || d < -v.tolerance {
		return time.Time{}, &signatureError{fmt.Sprintf("webhook-timestamp is %s away from the server clock (tolerance %s): stale or clock skew", d.Round(time.Second).Abs(), v.tolerance)}
	}
	ok := false
	for _, sig := range strings.Fields(signature) {
		version, value, found := strings.Cut(sig, ",")
		if !found || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(value)
		if err != nil {
			continue
		}
		for _, k := range v.keys {
			want, _ := base64.StdEncoding.DecodeString(sign(k, id, ts, body))
			if hmac.Equal(got, want) {
				ok = true
			}
		}
	}
	if !ok {
		return time.Time{}, &signatureError{"no webhook-signature matches: wrong secret, or the body was changed after signing"}
	}
	return sent, nil
}
