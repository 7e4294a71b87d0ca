package iostreams

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress draws how far a long step is on the error stream: a bar with
// the count, the total, the rate and the time left, or a spinner with the
// count and the rate when the total is unknown. It is only ever made for
// a terminal (IOStreams.Progress); its methods are safe for concurrent use
// and do nothing on a nil Progress.
type Progress struct {
	w   io.Writer
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

// Progress returns a Progress for the error stream, or nil when nothing
// is to be drawn: the error stream is not a terminal, CI is set, or
// --quiet was given.
func (s *IOStreams) Progress() *Progress {
	if !s.StderrTTY || s.Quiet {
		return nil
	}
	return &Progress{w: s.ErrOut}
}

// Start begins a step of total units (-1: unknown); "bytes" are shown as
// sizes.
func (p *Progress) Start(step string, total int64, unit string) {
	if p == nil {
		return
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(step),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	}
	if unit == "bytes" {
		opts = append(opts, progressbar.OptionShowBytes(true)) // with the rate in bytes a second
	} else {
		opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
	p.bar = progressbar.NewOptions64(total, opts...)
}

// Add counts n more units of the step.
func (p *Progress) Add(n int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Add64(n)
	}
}

// Clear takes the bar off its line, so that a message can be printed
// there; the bar comes back with the next Add.
func (p *Progress) Clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
}

// Done ends the step and clears its line.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}
