package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress shows how far a long run has got: a bar redrawn in place on a
// terminal, or a plain line at every tenth for logs and pipes.
type progress struct {
	w     io.Writer
	tty   bool
	label string
	now   func() time.Time
	start time.Time
	step  int // last tenth printed in plain mode
}

const barWidth = 30

func newProgress(w io.Writer, tty bool, label string, now func() time.Time) *progress {
	return &progress{w: w, tty: tty, label: label, now: now, start: now(), step: -1}
}

// update records that done of total items are finished.
func (p *progress) update(done, total int) {
	if total == 0 {
		return
	}
	if p.tty {
		filled := barWidth * done / total
		fmt.Fprintf(p.w, "\r  %s [%s%s] %d/%d %s", p.label, strings.Repeat("#", filled),
			strings.Repeat(".", barWidth-filled), done, total, p.elapsed())
		if done == total {
			fmt.Fprintln(p.w)
		}
		return
	}
	if tenth := 10 * done / total; tenth > p.step {
		p.step = tenth
		fmt.Fprintf(p.w, "  %s %d/%d (%d%%)\n", p.label, done, total, 100*done/total)
	}
}

func (p *progress) elapsed() string {
	return p.now().Sub(p.start).Round(100 * time.Millisecond).String()
}
