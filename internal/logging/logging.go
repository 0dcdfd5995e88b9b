// Package logging builds zumodra's *slog.Logger: text for a person at a
// terminal, JSON for a log collector, chosen automatically unless told.
package logging

import (
	"fmt"
	"io"
	"log/slog"
	"os"

	"golang.org/x/term"
)

// Formats accepted by New.
const (
	FormatAuto = "auto"
	FormatText = "text"
	FormatJSON = "json"
)

// New returns a logger writing to w at level in format; FormatAuto picks
// text when w is a terminal and JSON otherwise.
func New(w io.Writer, level slog.Leveler, format string) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: level}
	switch Resolve(w, format) {
	case FormatText:
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case FormatJSON:
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want auto, text or json", format)
}

// Resolve turns FormatAuto into the concrete format for w.
func Resolve(w io.Writer, format string) string {
	if format != FormatAuto {
		return format
	}
	if IsTerminal(w) {
		return FormatText
	}
	return FormatJSON
}

// IsTerminal reports whether w is a terminal (a *os.File on a tty).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
