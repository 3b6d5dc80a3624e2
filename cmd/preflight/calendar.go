package main

import (
	"context"
	"errors"
	"io"
)

func runCalendar(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("calendar: not built yet")
}
