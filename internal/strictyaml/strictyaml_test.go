package strictyaml

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	var v struct {
		Name string `yaml:"name"`
	}
	if err := Decode([]byte("name: x\n"), &v); err != nil || v.Name != "x" {
		t.Fatalf("Decode = %v, %q", err, v.Name)
	}
	if err := Decode([]byte("nmae: x\n"), &v); err == nil || !strings.Contains(err.Error(), "nmae") {
		t.Errorf("an unknown key must be an error naming it, got %v", err)
	}
	if err := Decode(nil, &v); err != nil {
		t.Errorf("an empty document is no error, got %v", err)
	}
}
