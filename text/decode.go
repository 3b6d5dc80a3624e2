package text

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// decodeStrict decodes YAML data into v, rejecting keys v does not have:
// a misspelt key in a data file is an error, never silently dropped.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}
