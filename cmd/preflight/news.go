package main

import (
	"context"
	"errors"
	"io"
)

func runNews(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("news: not built yet")
}
