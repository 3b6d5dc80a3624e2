// Package strictyaml decodes the project's YAML data strictly: a key the
// target has no field for is an error, so a misspelt key in an embedded
// data file or a configuration is reported instead of silently dropped.
package strictyaml

import (
	"bytes"
	"errors"
	"io"

	"gopkg.in/yaml.v3"
)

// Decode decodes one YAML document from b into v, refusing unknown keys.
// An empty document leaves v as it is.
func Decode(b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
