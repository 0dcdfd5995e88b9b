package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// Exit statuses (see the package doc).
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
	// ExitInterrupted is the shell's status for a command ended by SIGINT.
	ExitInterrupted = 130
)

// usageError marks an error as the caller's: exit 2 and a hint to --help.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// exitError carries a status other than 1 for a command that failed in a
// way its output already explained (a failed migration, a check that did not
// pass), so Execute prints nothing more than its message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// exitCode maps an error to a status; ran says whether the command's own
// code started (errors before that are about how it was called).
func exitCode(err error, ran bool) int {
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue), !ran:
		return ExitUsage
	case domain.ErrorCode(err) == domain.CodeInvalid:
		return ExitUsage
	}
	return ExitFailure
}

// report prints err for a person: domain errors by their safe message and
// field, others whole (an operator at the console may see internals).
func report(w io.Writer, err error, code int, cmdPath string) {
	var de *domain.Error
	msg := err.Error()
	if errors.As(err, &de) && de.Code != domain.CodeInternal {
		msg = describeDomain(de)
	}
	// Invalid input names every bad field, one a line, so one run says
	// everything to fix.
	if fields := check.Fields(err); len(fields) > 1 && domain.ErrorCode(err) == domain.CodeInvalid {
		msg = ""
		for _, f := range fields {
			fmt.Fprintf(w, "error: %s\n", describeDomain(f))
		}
	}
	if msg != "" {
		fmt.Fprintf(w, "error: %s\n", msg)
	}
	if code == ExitUsage && cmdPath != "" {
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", cmdPath)
	}
}

func describeDomain(e *domain.Error) string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}
