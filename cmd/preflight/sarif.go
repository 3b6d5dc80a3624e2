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
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
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
	EndColumn   int        `json:"endColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

// sarifReporter collects results and writes one SARIF log at Close. A
// finding points at the line the post starts on in its file; for a
// plain-text file, at the line and columns of the words.
type sarifReporter struct {
	w       *bufio.Writer
	engine  *checker.Engine
	results []sarifResult
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

func (r *sarifReporter) Report(it item, rep checker.Report) error {
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
		loc.Region = sarifRegion{StartLine: it.line}
		if f.HasSpan() && f.Field == "" && !strings.HasSuffix(it.file, ".jsonl") && !strings.HasSuffix(it.file, ".json") && !strings.HasSuffix(it.file, ".csv") {
			// A plain-text post is the whole file: point at the words.
			line, col := lineCol(rep.Post.Text, *f.Start)
			_, endCol := lineCol(rep.Post.Text, *f.End)
			loc.Region = sarifRegion{StartLine: it.line + line - 1, StartColumn: col, EndColumn: endCol}
		}
		if f.Match != "" {
			loc.Region.Snippet = &sarifText{Text: f.Match}
		}
		r.results = append(r.results, sarifResult{
			RuleID: f.Rule, RuleIndex: r.index[f.Rule], Level: sarifLevel(f.Severity), Message: sarifText{msg},
			Locations:  []sarifLocation{{loc}},
			Properties: map[string]any{"postId": rep.ID, "verdict": rep.Verdict, "severity": f.Severity.String()},
		})
	}
	return nil
}

// lineCol turns a code-point offset into a 1-based line and a 1-based
// column counted in UTF-16 code units, SARIF's default.
func lineCol(s string, off int) (line, col int) {
	line, col = 1, 1
	i := 0
	for _, r := range s {
		if i == off {
			break
		}
		i++
		if r == '\n' {
			line, col = line+1, 1
			continue
		}
		if r >= 0x10000 {
			col += 2
		} else {
			col++
		}
	}
	return line, col
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
	enc := json.NewEncoder(r.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	return r.w.Flush()
}
