// Package calendars is Preflight's region-aware calendar of public holidays,
// observances, solemn days and religious days. It implements
// checker.Calendar for the calendar rules, and gives the CLI and the web
// layer listings and an iCalendar export for content planners.
//
// Public holidays come from github.com/rickar/cal/v2 where it covers a
// region, and for the countries Preflight keeps no hand-written data for,
// from tables generated from the Python holidays package (generated.go,
// data/pyholidays, read per country on first use; day names that speak of
// mourning or remembrance make a day solemn: solemnwords.go); everything it lacks (observances such as Mother's Day, solemn days
// such as 9/11 and Anzac Day, religious days, the public days of regions it
// does not cover) is embedded data (data/days.yaml) evaluated by a small
// rule language. Religious calendars are computed: the Hebrew calendar with
// the published molad and postponement arithmetic (hebrew.go), the Islamic
// calendar with github.com/hablullah/go-hijri (Umm al-Qura), the Chinese
// lunisolar calendar with github.com/golang-module/carbon/v2. Hindu festivals
// (Diwali, Holi), for which no library or short algorithm exists, are a dated
// table (data/hindu.yaml, 2013-2035) with a one-day caveat.
//
// A country is judged in every time zone it spans (a day is in force from
// its start in the first zone to its end in the last); an ISO 3166-2
// subdivision (US-CA, AU-WA) in its own zone, with its own holidays.
// Jewish and Islamic days start at 18:00 the evening before (an
// approximation of sunset). The regions and their zones are data
// (data/regions.yaml). Results are computed per (region,
// year) on first use and cached.
package calendars
