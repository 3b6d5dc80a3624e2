package text

import (
	"strings"
	"testing"
)

func TestDecodeStrict(t *testing.T) {
	var v struct {
		Source string `yaml:"source"`
	}
	if err := decodeStrict([]byte("source: x\n"), &v); err != nil || v.Source != "x" {
		t.Errorf("good file: %v %+v", err, v)
	}
	if err := decodeStrict([]byte("source: x\nlicense: y\n"), &v); err == nil || !strings.Contains(err.Error(), "license") {
		t.Errorf("misspelt key: %v", err)
	}
}
