// Package config reads preflight.yaml, the one file a team edits to tell
// Preflight who it is (brand, aliases, competitors, default regions and
// platform), how rules behave (per-rule overrides and each category's
// options), its own calendar days, the news index and the service. Only
// cmd/preflight uses it; every section's type belongs to the package it
// configures.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

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
}

// Load reads dir/preflight.yaml; a missing file is the defaults. Errors
// name the file and line.
func Load(dir string) (*File, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{}, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return f, nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// Parse reads preflight.yaml's content. Unknown keys are errors, so a typo
// does not silently turn a setting off. The error starts with the line.
func Parse(data []byte) (*File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	if err := f.validate(); err != nil {
		return nil, fmt.Errorf("1: %w", err)
	}
	return &f, nil
}

func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg := te.Errors[0]
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s: %s", m[1], strings.TrimPrefix(msg, m[0]))
		}
		return fmt.Errorf("1: %s", msg)
	}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %s", m[1], strings.TrimPrefix(msg, m[0]))
	}
	return fmt.Errorf("1: %s", strings.TrimPrefix(msg, "yaml: "))
}

func (f *File) validate() error {
	if f.Platform != "" {
		p, err := checker.ParsePlatform(string(f.Platform))
		if err != nil {
			return err
		}
		f.Platform = p
	}
	for i, r := range f.Regions {
		if len(strings.TrimSpace(r)) != 2 {
			return checker.Invalidf(fmt.Sprintf("regions[%d]", i), "%q is not an ISO 3166-1 alpha-2 code", r)
		}
	}
	f.Regions = checker.NormaliseRegions(f.Regions)
	return nil
}
