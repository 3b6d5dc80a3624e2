package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
)

// SARIF 2.1.0, the subset CI systems read to annotate files.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
}

// sarifInvocation carries what the run could not judge (a report's limits)
// as notifications, SARIF's place for "the analysis was incomplete here".
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations,omitempty"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string    `json:"id"`
	Name             string    `json:"name"`
	ShortDescription sarifText `json:"shortDescription"`
	FullDescription  sarifText `json:"fullDescription"`
	Help             sarifText `json:"help"`
	Properties       struct {
		Category string `json:"category"`
	} `json:"properties"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation struct {
		URI string `json:"uri"`
	} `json:"artifactLocation"`
	Region sarifRegion `json:"region"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	EndLine     int        `json:"endLine,omitempty"`
	EndColumn   int        `json:"endColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

// sarifReporter collects results and writes one SARIF log at Close. A
// finding on the post's words points at the line and columns where they
// are written in the file (inside the JSON string or the CSV cell); any
// other finding at the line the post starts on.
type sarifReporter struct {
	w       *bufio.Writer
	engine  *checker.Engine
	results []sarifResult
	notes   []sarifNotification
	index   map[string]int
}

func sarifLevel(s checker.Severity) string {
	switch s {
	case checker.SeverityCritical, checker.SeverityHigh:
		return "error"
	case checker.SeverityMedium:
		return "warning"
	}
	return "note"
}

// Render implements reporter; SARIF is rendered while writing.
func (r *sarifReporter) Render(item, checker.Report) ([]byte, error) { return nil, nil }

func (r *sarifReporter) Report(it item, rep checker.Report, _ []byte) error {
	if r.index == nil {
		r.index = map[string]int{}
		for i, rule := range sortedRules(r.engine) {
			r.index[rule.ID] = i
		}
	}
	for _, f := range rep.Findings {
		msg := f.Message
		if f.Suggestion != "" {
			msg += " Fix: " + f.Suggestion
		}
		for _, e := range f.Evidence {
			msg += fmt.Sprintf(" Evidence: %s", e.Title)
			if e.URL != "" {
				msg += " <" + e.URL + ">"
			}
		}
		var loc sarifPhysical
		loc.ArtifactLocation.URI = strings.TrimPrefix(it.file, "./")
		loc.Region = sarifRegion{StartLine: it.rec.Line}
		if f.HasSpan() && f.Field == "" {
			sl, sc, ok1 := it.rec.TextPosition(*f.Start)
			el, ec, ok2 := it.rec.TextPosition(*f.End)
			if ok1 && ok2 {
				loc.Region = sarifRegion{StartLine: sl, StartColumn: sc, EndColumn: ec}
				if el != sl {
					loc.Region.EndLine = el
				}
			}
		}
		if f.Match != "" {
			loc.Region.Snippet = &sarifText{Text: f.Match}
		}
		r.results = append(r.results, sarifResult{
			RuleID: f.Rule, RuleIndex: r.index[f.Rule], Level: sarifLevel(f.Severity), Message: sarifText{msg},
			Locations:  []sarifLocation{{loc}},
			Properties: r.properties(it, rep, map[string]any{"severity": f.Severity.String()}),
		})
	}
	for _, l := range rep.Limits {
		var loc sarifPhysical
		loc.ArtifactLocation.URI = strings.TrimPrefix(it.file, "./")
		loc.Region = sarifRegion{StartLine: it.rec.Line}
		r.notes = append(r.notes, sarifNotification{Level: "warning", Message: sarifText{"not judged: " + l},
			Locations: []sarifLocation{{loc}}, Properties: r.properties(it, rep, nil)})
	}
	return nil
}

// properties are a result's or notification's facts about the post.
func (r *sarifReporter) properties(it item, rep checker.Report, extra map[string]any) map[string]any {
	p := map[string]any{"postId": rep.ID, "verdict": rep.Verdict}
	if it.rec.Row > 0 {
		p["row"] = it.rec.Row
	}
	if len(rep.Limits) > 0 {
		p["limits"] = rep.Limits
	}
	for k, v := range extra {
		p[k] = v
	}
	return p
}

func (r *sarifReporter) Close() error {
	driver := sarifDriver{Name: "preflight", Version: checker.RulesVersion, InformationURI: "https://github.com/preflight-dev/preflight"}
	for _, rule := range sortedRules(r.engine) {
		sr := sarifRule{ID: rule.ID, Name: rule.Title, ShortDescription: sarifText{rule.Title}, FullDescription: sarifText{rule.Doc}, Help: sarifText{rule.Fix}}
		if sr.Help.Text == "" {
			sr.Help.Text = rule.Doc
		}
		sr.Properties.Category = string(rule.Category)
		driver.Rules = append(driver.Rules, sr)
	}
	if driver.Rules == nil {
		driver.Rules = []sarifRule{}
	}
	if r.results == nil {
		r.results = []sarifResult{}
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: r.results}}}
	if len(r.notes) > 0 {
		log.Runs[0].Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: r.notes}}
	}
	enc := json.NewEncoder(r.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	return r.w.Flush()
}
