package calendars

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// WriteICS writes observances as an RFC 5545 calendar of all-day events
// that Google Calendar and Outlook import: CRLF line ends, lines folded at
// 75 octets, a UID per (day, region, date) so a re-import updates rather than
// duplicates, and DTSTAMP set to stamp (pass the export time).
func WriteICS(w io.Writer, obs []checker.Observance, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Preflight//Calendar//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:Preflight observances")
	ts := stamp.UTC().Format("20060102T150405Z")
	for _, o := range obs {
		start, err := time.Parse("2006-01-02", o.Date)
		if err != nil {
			return fmt.Errorf("observance %s: bad date %q", o.ID, o.Date)
		}
		end := start.AddDate(0, 0, spanDays(o))
		line("BEGIN:VEVENT")
		line("UID:" + icsText(fmt.Sprintf("%s-%s-%s@preflight", o.ID, strings.ToLower(o.Region), o.Date)))
		line("DTSTAMP:" + ts)
		line("DTSTART;VALUE=DATE:" + start.Format("20060102"))
		line("DTEND;VALUE=DATE:" + end.Format("20060102"))
		summary := o.Name
		if o.Region != "" {
			summary += " (" + o.Region + ")"
		}
		line("SUMMARY:" + icsText(summary))
		desc := fmt.Sprintf("Kind: %s. Tone: %s.", o.Kind, o.Tone)
		if o.LocalName != "" {
			desc += " Local name: " + o.LocalName + "."
		}
		switch o.Tone {
		case checker.ToneSolemn:
			desc += " Solemn day: no promotions or light-hearted posts."
		case checker.ToneFasting:
			desc += " Fasting day: avoid food, drink and party content."
		}
		if !o.Start.IsZero() && (o.Start.Hour() != 0 || o.Start.Minute() != 0) {
			desc += " Begins the evening before (" + o.Start.Format("2006-01-02 15:04 MST") + ")."
		}
		line("DESCRIPTION:" + icsText(desc))
		line("CATEGORIES:" + icsText(string(o.Kind)) + "," + icsText(string(o.Tone)))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

// spanDays is how many civil days an observance covers from its Date.
func spanDays(o checker.Observance) int {
	d, err := time.ParseInLocation("2006-01-02", o.Date, o.End.Location())
	if err != nil || o.End.IsZero() {
		return 1
	}
	n := int(o.End.Sub(d).Hours()+12) / 24
	return max(n, 1)
}

// icsText escapes a TEXT value (RFC 5545 §3.3.11).
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// writeFolded writes one content line, folding it into chunks of at most 75
// octets without splitting a UTF-8 sequence (RFC 5545 §3.1).
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
