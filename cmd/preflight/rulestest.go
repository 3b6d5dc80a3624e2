package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/rules/pack"
)

// runRulesTest checks the examples of team packs, each rule on its own:
// every example to flag must get a finding of its rule, every near miss
// none. An argument is a pack file, else the name (or file) of a pack in
// the packs section of the data folder's preflight.yaml. Each failure is
// printed; any failure is an error (exit 2).
func runRulesTest(ctx context.Context, dataDir string, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"want 'rules test PACK-FILE...' (or the name of a pack in preflight.yaml)"}
	}
	var cfg *config.File
	failed, examples := 0, 0
	for _, arg := range args {
		tp, err := packToTest(arg, dataDir, &cfg)
		if err != nil {
			return err
		}
		fails, err := tp.Pack.TestExamples(ctx, tp.Rules)
		if err != nil {
			return fmt.Errorf("%s: %w", arg, err)
		}
		n := 0
		for _, s := range tp.Pack.Rules {
			n += len(s.Examples.Flag) + len(s.Examples.Pass)
		}
		examples += n
		failed += len(fails)
		for _, f := range fails {
			fmt.Fprintf(stdout, "FAIL %s: %s\n", arg, f.Error())
		}
		if len(fails) == 0 {
			fmt.Fprintf(stdout, "ok   %s: %d rules, %d examples\n", arg, len(tp.Rules), n)
		}
	}
	if failed > 0 {
		return checker.Errorf(checker.ECodeInvalid, "", "%d of the packs' %d examples failed (and rules without both kinds of example)", failed, examples)
	}
	return nil
}

// packToTest returns the pack arg names: a file, read and built as a
// team's pack, else a pack of the data folder's packs section by name or
// file (the configuration is read once, into *cfg).
func packToTest(arg, dataDir string, cfg **config.File) (config.TeamPack, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return config.TeamPack{}, err
		}
		p, err := pack.Read(os.DirFS(filepath.Dir(abs)), filepath.Base(abs))
		if err != nil {
			return config.TeamPack{}, checker.Errorf(checker.ECodeBadConfig, "", "%s", err)
		}
		// A built-in pack (rules/*/data) is tested as it is; any other
		// pack is a team's, held to team IDs.
		var rs []*checker.Rule
		if builtinPack(p) {
			rs, err = p.Build(nil)
		} else {
			rs, err = p.Team()
		}
		if err != nil {
			return config.TeamPack{}, checker.Errorf(checker.ECodeBadConfig, "", "%s: %s", arg, err)
		}
		return config.TeamPack{Pack: p, Rules: rs}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return config.TeamPack{}, err
	}
	if *cfg == nil {
		s, err := loadSettings(dataDir)
		if err != nil {
			return config.TeamPack{}, err
		}
		*cfg = s.File
	}
	tps, err := (*cfg).TeamPacks()
	if err != nil {
		return config.TeamPack{}, err
	}
	var names []string
	for _, tp := range tps {
		if tp.Pack.Label() == arg || tp.Pack.Name == arg {
			return tp, nil
		}
		names = append(names, tp.Pack.Label())
	}
	return config.TeamPack{}, usageError{fmt.Sprintf("%q is neither a pack file nor a pack in %s%s", arg, filepath.Join(dataDir, config.FileName), checker.DidYouMean(arg, names))}
}

// builtinPack reports whether every rule of p has a built-in ID (a
// category's prefix, not "team.").
func builtinPack(p *pack.Pack) bool {
	for _, s := range p.Rules {
		if strings.HasPrefix(s.ID, pack.TeamPrefix) || !strings.Contains(s.ID, ".") {
			return false
		}
	}
	return true
}
