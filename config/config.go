// Package config reads preflight.yaml, the one file a team edits to tell
// Preflight who it is (brand, aliases, competitors, default regions and
// platform), how rules behave (per-rule overrides and each category's
// options), the team's own rule packs (packs, built by BuildRules next to
// the built-in rules), the brands it publishes for, its own calendar days,
// the news index and the service. Only cmd/preflight uses it. Every
// section's type belongs to the package it configures; config imports no
// adapter (calendars, news, web): the command hands their sections' types
// to LoadWith, and they are read as strictly as the rest of the file.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules"
)

// FileName is the configuration file's name inside the data folder.
const FileName = "preflight.yaml"

// File is the whole of preflight.yaml.
type File struct {
	checker.Profile `yaml:",inline"`
	rules.Options   `yaml:",inline"`
	Sections        `yaml:",inline"`

	path string     // where the file was read from; "" for Parse
	root *yaml.Node // the document, to find the line of a setting
}

// Load reads dir/preflight.yaml; a missing file is the defaults. Errors are
// *checker.Error values with code bad_config that name the file, the line
// and the setting. The adapters' sections (calendar, news_index, service)
// are unknown keys here; the command reads them with LoadWith.
func Load(dir string) (*File, error) { return LoadWith(dir, nil) }

// LoadWith is Load for a file that also holds the sections of adapters
// config does not know: sections points to a struct whose fields carry
// those sections' YAML keys ("calendar", "service"); they are decoded into
// it with the same strictness and line-numbered errors as the rest.
func LoadWith(dir string, sections any) (*File, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{path: path}, nil
	}
	if err != nil {
		return nil, &checker.Error{Code: checker.ECodeBadConfig, Message: err.Error(), Err: err}
	}
	f, err := ParseWith(data, sections)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	f.path = path
	return f, nil
}

// Parse reads preflight.yaml's content. Unknown keys are errors, so a typo
// does not silently turn a setting off; regions, platforms, severities and
// durations are checked where they are written. The error starts with the
// line ("12: regions[0]: ...") and wraps a *checker.Error with code
// bad_config and that Line.
func Parse(data []byte) (*File, error) { return ParseWith(data, nil) }

// ParseWith is Parse that also decodes the adapters' sections into
// sections (see LoadWith); nil means none.
func ParseWith(data []byte, sections any) (*File, error) {
	t, err := documentType(sections)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(err)
	}
	if len(root.Content) > 0 {
		if err := checkNode(root.Content[0], t, ""); err != nil {
			return nil, err
		}
	}
	doc := reflect.New(t)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(doc.Interface()); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	var f File
	if sections == nil {
		f = doc.Elem().Interface().(File)
	} else {
		f = doc.Elem().Field(0).Interface().(File)
		reflect.ValueOf(sections).Elem().Set(doc.Elem().Field(1))
	}
	f.root = &root
	if err := f.validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// documentType is the Go type the whole document decodes into: File, with
// the adapters' sections inline beside it.
func documentType(sections any) (reflect.Type, error) {
	if sections == nil {
		return fileType, nil
	}
	t := reflect.TypeOf(sections)
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("config: sections must point to a struct, not %s", t)
	}
	return reflect.StructOf([]reflect.StructField{
		{Name: "File", Type: fileType, Tag: `yaml:",inline"`},
		{Name: "Sections", Type: t.Elem(), Tag: `yaml:",inline"`},
	}), nil
}

// badConfig is the error of a setting on a line, as Parse returns it.
func badConfig(line int, field, format string, args ...any) error {
	line = max(line, 1)
	return fmt.Errorf("%d: %w", line, &checker.Error{Code: checker.ECodeBadConfig, Field: field, Line: line, Message: fmt.Sprintf(format, args...)})
}

var (
	yamlLine      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?line (\d+): `) })
	yamlUnmarshal = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile("cannot unmarshal !!(\\w+)(?: `([^`]*)`)? into (\\S+)")
	})
)

// yamlError turns a YAML error into a bad_config error on its line, in
// words rather than Go type names.
func yamlError(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 1
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		msg = strings.TrimPrefix(msg, m[0])
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlUnmarshal().FindStringSubmatch(msg); m != nil {
		got := "a " + yamlKind(m[1])
		if m[2] != "" {
			got = fmt.Sprintf("%q", m[2])
		}
		msg = fmt.Sprintf("%s is not %s", got, goTypeWords(m[3]))
	}
	return badConfig(line, "", "%s", msg)
}

func yamlKind(tag string) string {
	switch tag {
	case "map":
		return "mapping (key: value)"
	case "seq":
		return "list"
	}
	return tag
}

// goTypeWords says in words what a Go type is written as in YAML.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping (key: value)"
	case t == "string" || strings.HasSuffix(t, ".Platform"):
		return "a string"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "time.Duration":
		return "a duration such as 72h or 30m"
	case strings.HasSuffix(t, ".Severity"):
		return "a severity (low, medium, high or critical)"
	}
	return "a mapping of settings"
}

func (f *File) validate() error {
	if f.Platform != "" {
		p, err := checker.ParsePlatform(string(f.Platform))
		if err != nil {
			return badConfig(f.Line("platform"), "platform", "%s", strings.TrimPrefix(err.Error(), "platform: "))
		}
		f.Platform = p
	}
	f.Regions = checker.NormaliseRegions(f.Regions)
	return nil
}

// Line returns the line a setting is written on, given its path as the
// packages that validate settings name it ("calendar.days[0].regions[1]",
// "rules.content.profanity.severity": keys may hold dots); the nearest
// enclosing setting's line when the setting itself is not in the file, and
// 0 without a file.
func (f *File) Line(field string) int {
	if f == nil || f.root == nil || len(f.root.Content) == 0 {
		return 0
	}
	n := f.root.Content[0]
	line := n.Line
	rest := field
	for rest != "" && n != nil {
		rest = strings.TrimPrefix(rest, ".")
		switch {
		case strings.HasPrefix(rest, "["):
			end := strings.IndexByte(rest, ']')
			var i int
			if end < 0 || n.Kind != yaml.SequenceNode {
				return line
			}
			if _, err := fmt.Sscan(rest[1:end], &i); err != nil || i < 0 || i >= len(n.Content) {
				return line
			}
			n, rest = n.Content[i], rest[end+1:]
		case n.Kind == yaml.MappingNode:
			// The longest key that the path starts with, whole.
			var best *yaml.Node
			var bestKey string
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				if strings.HasPrefix(rest, k) && len(k) > len(bestKey) &&
					(len(rest) == len(k) || rest[len(k)] == '.' || rest[len(k)] == '[') {
					best, bestKey = n.Content[i+1], k
					line = n.Content[i].Line
				}
			}
			if best == nil {
				return line
			}
			n, rest = best, rest[len(bestKey):]
		default:
			return line
		}
		if n.Kind != yaml.MappingNode {
			line = n.Line
		}
	}
	return line
}

// Problem turns an error about a setting (a *checker.Error whose Field is
// the setting's path, as the rules, calendars and engine report them) into
// a bad_config error naming the file and the line; other errors are
// returned as they are.
func (f *File) Problem(err error) error {
	var ce *checker.Error
	if !errors.As(err, &ce) || ce.Code == checker.ECodeBadConfig && ce.Line > 0 {
		return err
	}
	line := max(f.Line(ce.Field), 1)
	bad := &checker.Error{Code: checker.ECodeBadConfig, Field: ce.Field, Line: line, Message: ce.Message, Err: err}
	name := f.path
	if name == "" {
		name = FileName
	}
	return fmt.Errorf("%s:%d: %w", name, line, bad)
}
