package projection

import (
	"strings"
	"testing"
)

// Figures for sizing bulk sync: the projection runs once per source row.

func BenchmarkJob(b *testing.B) {
	in := publicJob()
	in.Job.Description = strings.Repeat(`<p>Build <b>things</b> with <a href="https://go.dev">Go</a>.</p>`, 40)
	for b.Loop() {
		Job(in)
	}
}

func BenchmarkProvider(b *testing.B) {
	in := publicProvider()
	for b.Loop() {
		Provider(in)
	}
}

func BenchmarkSanitizeHTMLLong(b *testing.B) {
	in := strings.Repeat("<p>"+strings.Repeat("lorem ipsum ", 50)+"</p>", 60) // ~37 KB, truncated
	for b.Loop() {
		SanitizeHTML(in)
	}
}
