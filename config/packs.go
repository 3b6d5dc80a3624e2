package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules"
	"github.com/preflight-dev/preflight/rules/pack"
)

// PackSource is one entry of the packs section: a pack file in the data
// folder (file, and optionally a name for it), or a pack written in place
// (name, source, licence, rules) in the format of rules/pack.
//
//	packs:
//	  - file: packs/legal.yaml       # relative to the data folder
//	  - name: seasonal               # named: opt-in, brands.NAME.packs
//	    rules:
//	      - id: team.no_black_friday
//	        ...
type PackSource struct {
	// File is a pack file's path inside the data folder.
	File      string `yaml:"file"`
	pack.Pack `yaml:",inline"`
}

// TeamPack is a team's pack from the packs section and its built rules.
type TeamPack struct {
	Pack  *pack.Pack
	Rules []*checker.Rule
}

// BuildRules builds every rule the engine runs: the built-in rules with
// the file's options, then the team's packs. Errors name the file and the
// line of the setting.
func (f *File) BuildRules() ([]*checker.Rule, error) {
	rs, err := rules.All(f.Options)
	if err != nil {
		return nil, f.Problem(err)
	}
	tps, err := f.TeamPacks()
	if err != nil {
		return nil, err
	}
	for _, tp := range tps {
		rs = append(rs, tp.Rules...)
	}
	return rs, nil
}

// TeamPacks reads and builds the packs section, in order: pack files from
// the data folder, inline packs as written. Rule IDs must start with
// "team." and be unique across packs, pack names unique. Errors are
// bad_config errors naming the file and the entry's line.
func (f *File) TeamPacks() ([]TeamPack, error) {
	var out []TeamPack
	ids := map[string]string{} // rule ID → the pack that declared it
	names := map[string]bool{}
	for i := range f.Packs {
		field := fmt.Sprintf("packs[%d]", i)
		p, err := f.readPack(&f.Packs[i])
		if err != nil {
			return nil, f.Problem(checker.Invalidf(field, "%s", err))
		}
		if f.Packs[i].File == "" {
			for j, s := range p.Rules {
				if !strings.HasPrefix(s.ID, pack.TeamPrefix) {
					return nil, f.Problem(checker.Invalidf(fmt.Sprintf("%s.rules[%d].id", field, j),
						"rule %q: a team rule's ID must start with %q, so it never collides with a built-in rule", s.ID, pack.TeamPrefix))
				}
			}
		}
		rs, err := p.Team()
		if err != nil {
			return nil, f.Problem(checker.Invalidf(field, "%s: %s", p.Label(), err))
		}
		if p.Name != "" {
			if names[p.Name] {
				return nil, f.Problem(checker.Invalidf(field+".name", "two packs are named %q", p.Name))
			}
			names[p.Name] = true
		}
		for j, r := range rs {
			if other, ok := ids[r.ID]; ok {
				return nil, f.Problem(checker.Invalidf(fmt.Sprintf("%s.rules[%d].id", field, j), "rule %q is declared by %s too", r.ID, other))
			}
			ids[r.ID] = p.Label()
		}
		out = append(out, TeamPack{Pack: p, Rules: rs})
	}
	return out, nil
}

// readPack returns the entry's pack: the file it names, read strictly
// (with the entry's name, when it gives one), or the pack written inline.
func (f *File) readPack(src *PackSource) (*pack.Pack, error) {
	if src.File == "" {
		if len(src.Rules) == 0 {
			return nil, errors.New("a pack needs a file or rules")
		}
		p := src.Pack
		p.SetFile(FileName)
		return &p, nil
	}
	if len(src.Rules) > 0 || src.Source != "" || src.Licence != "" {
		return nil, fmt.Errorf("pack %s: give a file or rules, not both", src.File)
	}
	name := filepath.ToSlash(filepath.Clean(src.File))
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("pack file %q: want a path inside the data folder", src.File)
	}
	p, err := pack.Read(os.DirFS(f.dir()), name)
	if err != nil {
		return nil, err
	}
	if src.Name != "" {
		p.Name = src.Name
	}
	return p, nil
}

// dir is the data folder the file was read from; "." for Parse.
func (f *File) dir() string {
	if f.path == "" {
		return "."
	}
	return filepath.Dir(f.path)
}
