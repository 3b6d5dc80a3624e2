package config

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
)

var (
	fileType     = reflect.TypeFor[File]()
	durationType = reflect.TypeFor[time.Duration]()
	severityType = reflect.TypeFor[checker.Severity]()
	platformType = reflect.TypeFor[checker.Platform]()
)

// regionKeys are the settings that hold region codes.
var regionKeys = map[string]bool{"regions": true, "region": true, "default_regions": true}

// checkNode walks the YAML document beside the Go type it is decoded into,
// and reports the first key the type does not have (with the nearest one it
// has) and the first value that is not what its setting takes, on its line:
// the decoder's own messages name Go types and, for values checked after
// decoding, no line at all.
func checkNode(n *yaml.Node, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode || n.Tag == "!!null" {
		return nil
	}
	switch t {
	case durationType:
		if _, err := time.ParseDuration(n.Value); n.Kind != yaml.ScalarNode || err != nil {
			return badConfig(n.Line, path, "%q is not a duration such as 72h, 30m or 90s", n.Value)
		}
		return nil
	case severityType:
		if _, err := checker.ParseSeverity(n.Value); n.Kind != yaml.ScalarNode || err != nil {
			return badConfig(n.Line, path, "unknown severity %q (want low, medium, high or critical)", n.Value)
		}
		return nil
	case platformType:
		if _, err := checker.ParsePlatform(n.Value); n.Kind != yaml.ScalarNode || err != nil {
			return badConfig(n.Line, path, "unknown platform %q (want one of x, linkedin, facebook, instagram, threads, bluesky, mastodon, tiktok)", n.Value)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return checkSettings(n, t, path)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return badConfig(n.Line, path, "want a mapping (key: value) here, not %s", nodeWords(n))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkNode(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return badConfig(n.Line, path, "want a list such as [a, b], not %s", nodeWords(n))
		}
		for i, c := range n.Content {
			if err := checkNode(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return badConfig(n.Line, path, "want a string, not %s", nodeWords(n))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return badConfig(n.Line, path, "%q is not a whole number", n.Value)
		}
	case reflect.Float32, reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			return badConfig(n.Line, path, "%q is not a number", n.Value)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return badConfig(n.Line, path, "%q is not true or false", n.Value)
		}
	}
	return nil
}

// checkSettings checks a mapping decoded into struct type t: every key
// one of its settings (else the nearest one is named), every value what
// its setting takes, region settings real codes.
func checkSettings(n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind != yaml.MappingNode {
		return badConfig(n.Line, path, "want settings (key: value) here, not %s", nodeWords(n))
	}
	fields := map[string]reflect.Type{}
	collectFields(t, fields)
	names := slices.Sorted(maps.Keys(fields))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ft, ok := fields[k.Value]
		if !ok {
			where := "here"
			if path != "" {
				where = "in " + path
			}
			return badConfig(k.Line, join(path, k.Value), "unknown setting %q%s; the settings %s are %s",
				k.Value, checker.DidYouMean(k.Value, names), where, strings.Join(names, ", "))
		}
		if err := checkNode(v, ft, join(path, k.Value)); err != nil {
			return err
		}
		if regionKeys[k.Value] {
			if err := checkRegions(v, join(path, k.Value)); err != nil {
				return err
			}
		}
	}
	return nil
}

// nodeWords says what a YAML node is, for messages.
func nodeWords(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return fmt.Sprintf("%q", n.Value)
}

// checkRegions checks a region setting (a code, or a list of codes; "all"
// is left to the setting's own package).
func checkRegions(n *yaml.Node, path string) error {
	check := func(c *yaml.Node, field string) error {
		if c.Kind != yaml.ScalarNode || strings.EqualFold(c.Value, "all") {
			return nil
		}
		if err := checker.CheckRegion(c.Value); err != nil {
			return fmt.Errorf("%d: %w", max(c.Line, 1), &checker.Error{Code: checker.ECodeBadConfig, Field: field, Line: c.Line, Message: err.Error(), Err: &checker.Error{Code: checker.ECodeBadRegion}})
		}
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		for i, c := range n.Content {
			if err := check(c, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	return check(n, path)
}

// collectFields maps the YAML keys of struct type t (inline structs
// included) to their types.
func collectFields(t reflect.Type, out map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") {
			collectFields(sf.Type, out)
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		out[name] = sf.Type
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
