// Command preflight checks social media drafts for the ways brand posts
// backfire: tone-deaf against the news, the wrong day, risky hashtags and
// risky words. See README.md for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	"github.com/preflight-dev/preflight/checker"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// command is one subcommand of preflight.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"check", "check posts and print reports", runCheck},
		{"serve", "start the HTTP API, the scheduler hook and the web form", runServe},
		{"news", "import, poll and search the news index", runNews},
		{"calendar", "list holidays, observances and solemn days", runCalendar},
		{"rules", "list the rules, or explain one: rules [ID]", runRules},
		{"brands", "list the brand profiles, or show one with its derived names", runBrands},
		{"queue", "queue scheduled posts, re-check, hold and release them", runQueue},
		{"audit", "list the record of every queued post's verdicts (jsonl, csv)", runAudit},
		{"connect", "connect a scheduler (mastodon, hootsuite, buffer): set-up, --test, --sync", runConnect},
		{"crisis", "declare, list, confirm and end crises (hold promotional posts in scope)", runCrisis},
		{"replay", "re-judge a past verdict of the audit log with the news known then", runReplay},
	}
}

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return usageError{"no command given"}
		}
		return nil
	}
	if args[0] == "version" || args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintf(stdout, "preflight %s (rules %s, %s)\n", version(), checker.RulesVersion, runtime.Version())
		return nil
	}
	var names []string
	for _, c := range commands() {
		if c.name == args[0] {
			if wantsHelp(args[1:]) {
				// Help asked for is the answer: it goes to stdout, exit 0.
				return c.run(ctx, args[1:], stdin, stdout, stdout)
			}
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
		names = append(names, c.name)
	}
	usage(stderr)
	return usageError{fmt.Sprintf("unknown command %q%s", args[0], checker.DidYouMean(args[0], append(names, "version", "help")))}
}

// wantsHelp reports whether a command's arguments ask for its help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// version is the module version the binary was built from (go install
// module@v1.2.3), else the VCS revision it was built at, else "devel".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += "-dirty"
	}
	return "devel-" + rev
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: preflight COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-9s %s\n", "version", "print the version (also --version)")
	fmt.Fprintln(w, "\nRun 'preflight COMMAND -h' for a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 nothing blocked, 1 a post is blocked, 2 usage, input or configuration errors, 3 anything else (the news index unavailable, a bug), 130 interrupted.")
}

// usageError is a mistake in the command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errBlocked says at least one checked post was blocked: exit 1, nothing
// more to print.
var errBlocked = errors.New("at least one post is blocked")

// errInputProblems says some input could not be read; what was wrong has
// already been printed, the rest was checked: exit 2.
var errInputProblems = errors.New("some input could not be checked")

// exitCodes is the one table from the application's error codes
// (checker.ErrorCodes) to exit statuses: 2 for what the user can fix in the
// input, the command line or preflight.yaml; 3 for the rest. A test keeps
// it complete.
var exitCodes = map[string]int{
	checker.ECodeMissingText:     2,
	checker.ECodeInvalidUTF8:     2,
	checker.ECodeBadRegion:       2,
	checker.ECodeBadTime:         2,
	checker.ECodeUnknownPlatform: 2,
	checker.ECodeUnknownKind:     2,
	checker.ECodeUnknownField:    2,
	checker.ECodeMalformedJSON:   2,
	checker.ECodeMalformedCSV:    2,
	checker.ECodeTooLarge:        2,
	checker.ECodeBadConfig:       2,
	checker.ECodeInvalid:         2,
	checker.ECodeNotFound:        2,
	checker.ECodeConflict:        2,
	checker.ECodeUnauthorized:    3,
	checker.ECodeUnavailable:     3,
	checker.ECodeInternal:        3,
}

// exitCode maps an error to the process exit code, in one place: 0 success,
// 1 a post is blocked, 2 usage, input or configuration errors, 3 anything
// else, 130 interrupted.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var ce *checker.Error
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errBlocked):
		return 1
	case errors.Is(err, errInputProblems):
		return 2
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "preflight:", err)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "preflight: interrupted")
		return 130
	case errors.As(err, &ce):
		fmt.Fprintln(stderr, "preflight:", err)
		if code, ok := exitCodes[ce.Code]; ok {
			return code
		}
	default:
		fmt.Fprintln(stderr, "preflight:", err)
	}
	return 3
}
