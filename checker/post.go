package checker

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Platform is where a post will be published; it decides length limits.
type Platform string

// The platforms Preflight knows the limits of.
const (
	PlatformX         Platform = "x"
	PlatformLinkedIn  Platform = "linkedin"
	PlatformFacebook  Platform = "facebook"
	PlatformInstagram Platform = "instagram"
	PlatformThreads   Platform = "threads"
	PlatformBluesky   Platform = "bluesky"
	PlatformMastodon  Platform = "mastodon"
	PlatformTikTok    Platform = "tiktok"
)

// Platforms lists every known platform in documentation order.
var Platforms = []Platform{PlatformX, PlatformLinkedIn, PlatformFacebook, PlatformInstagram,
	PlatformThreads, PlatformBluesky, PlatformMastodon, PlatformTikTok}

// ParsePlatform accepts a platform name case-insensitively, with "twitter" as
// an alias of x.
func ParsePlatform(s string) (Platform, error) {
	p := Platform(strings.ToLower(strings.TrimSpace(s)))
	if p == "twitter" {
		return PlatformX, nil
	}
	for _, q := range Platforms {
		if p == q {
			return p, nil
		}
	}
	return "", &Error{Code: ECodeUnknownPlatform, Field: "platform", Message: fmt.Sprintf("unknown platform %q (want one of x, linkedin, facebook, instagram, threads, bluesky, mastodon, tiktok)", s)}
}

// Kind says whether a draft is a post of its own or a reply to a customer;
// replies get the reply rules.
type Kind string

// The kinds of draft.
const (
	KindPost  Kind = "post"
	KindReply Kind = "reply"
)

// ParseKind accepts "post" or "reply" case-insensitively.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindPost, KindReply:
		return k, nil
	}
	return "", &Error{Code: ECodeUnknownKind, Field: "kind", Message: fmt.Sprintf("unknown kind %q (want post or reply)", s)}
}

// Media is an image or video attached to a post; its alt text is checked like
// the post's own words.
type Media struct {
	URL string `json:"url,omitempty"`
	Alt string `json:"alt,omitempty"`
}

// Post is a draft as a marketer or a scheduling tool submits it.
type Post struct {
	ID          string    `json:"id,omitempty"`
	Text        string    `json:"text"`
	ScheduledAt time.Time `json:"scheduled_at,omitzero"`
	Platform    Platform  `json:"platform,omitempty"`
	Kind        Kind      `json:"kind,omitempty"`
	Brand       string    `json:"brand,omitempty"`
	Regions     []string  `json:"regions,omitempty"`
	Language    string    `json:"language,omitempty"`
	Media       []Media   `json:"media,omitempty"`
	InReplyTo   string    `json:"in_reply_to,omitempty"`
}

// MaxTextBytes bounds a post's text; no platform allows more than a few
// thousand characters, so anything larger is a mistake in the input.
const MaxTextBytes = 64 << 10

// Validate reports the first problem that makes the post uncheckable, naming
// the field. It does not fill defaults; see Profile.Apply.
func (p *Post) Validate() error {
	if strings.TrimSpace(p.Text) == "" {
		return &Error{Code: ECodeMissingText, Field: "text", Message: "text is required"}
	}
	if !utf8.ValidString(p.Text) {
		return &Error{Code: ECodeInvalidUTF8, Field: "text", Message: "text is not valid UTF-8"}
	}
	if len(p.Text) > MaxTextBytes {
		return &Error{Code: ECodeTooLarge, Field: "text", Message: fmt.Sprintf("text is %d bytes; at most %d are accepted", len(p.Text), MaxTextBytes)}
	}
	if !utf8.ValidString(p.InReplyTo) {
		return &Error{Code: ECodeInvalidUTF8, Field: "in_reply_to", Message: "in_reply_to is not valid UTF-8"}
	}
	if len(p.InReplyTo) > MaxTextBytes {
		return &Error{Code: ECodeTooLarge, Field: "in_reply_to", Message: fmt.Sprintf("in_reply_to is %d bytes; at most %d are accepted", len(p.InReplyTo), MaxTextBytes)}
	}
	if p.Platform != "" {
		if _, err := ParsePlatform(string(p.Platform)); err != nil {
			return err
		}
	}
	if p.Kind != "" {
		if _, err := ParseKind(string(p.Kind)); err != nil {
			return err
		}
	}
	for i, r := range p.Regions {
		if err := CheckRegion(r); err != nil {
			return &Error{Code: ECodeBadRegion, Field: fmt.Sprintf("regions[%d]", i), Message: err.Error()}
		}
	}
	for i, m := range p.Media {
		if !utf8.ValidString(m.Alt) || !utf8.ValidString(m.URL) {
			return &Error{Code: ECodeInvalidUTF8, Field: fmt.Sprintf("media[%d]", i), Message: "media is not valid UTF-8"}
		}
	}
	return nil
}

// CheckRegion says why r is not an ISO 3166-1 alpha-2 country code (UK is
// accepted for GB) nor an ISO 3166-2 subdivision of one (US-CA, AU-WA,
// BR-SP: the country, a hyphen, one to three letters or digits), or returns
// nil. Codes come from the CLDR region data of golang.org/x/text:
// user-assigned codes (ZZ, AA, QO…) and groups (EU) are refused, as they
// name no country whose calendar or news could be judged.
func CheckRegion(r string) error {
	r = strings.TrimSpace(r)
	if len(r) >= 4 && len(r) <= 6 && r[2] == '-' {
		for _, c := range r[3:] {
			if !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') {
				return fmt.Errorf("region %q is not an ISO 3166-2 subdivision code such as US-CA or AU-WA", r)
			}
		}
		if err := CheckRegion(r[:2]); err != nil {
			return fmt.Errorf("region %q is not an ISO 3166-2 subdivision code such as US-CA or AU-WA", r)
		}
		return nil
	}
	if len(r) != 2 {
		return fmt.Errorf("region %q is not an ISO 3166-1 alpha-2 code such as US or GB, nor a subdivision such as US-CA", r)
	}
	if strings.EqualFold(r, "UK") {
		return nil
	}
	reg, err := language.ParseRegion(r)
	if err != nil || !reg.IsCountry() || reg.IsGroup() || reg.ISO3() == "" || reg.ISO3() == "ZZZ" {
		return fmt.Errorf("region %q is not an ISO 3166-1 alpha-2 code such as US or GB", r)
	}
	return nil
}

// NormaliseRegions upper-cases region codes, maps UK to GB and drops duplicates.
func NormaliseRegions(rs []string) []string {
	out := make([]string, 0, len(rs))
	seen := make(map[string]bool, len(rs))
	for _, r := range rs {
		r = strings.ToUpper(strings.TrimSpace(r))
		if r == "UK" {
			r = "GB"
		}
		if r == "" || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}
