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
	"syscall"
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
	}
}

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return usageError{"no command given"}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	usage(stderr)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: preflight COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'preflight COMMAND -h' for a command's flags.")
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

// exitCode maps an error to the process exit code, in one place: 0 success,
// 1 a post is blocked, 2 usage or input errors, 3 anything else.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
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
	}
	fmt.Fprintln(stderr, "preflight:", err)
	return 3
}
