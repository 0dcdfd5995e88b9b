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

// BenchmarkJobTypicalEdit is the incremental path's usual case: a field
// other than the HTML changed, and the catalog's HTML and digests are
// handed back (see reuse.go).
func BenchmarkJobTypicalEdit(b *testing.B) {
	in := publicJob()
	in.Job.Description = strings.Repeat(`<p>Build <b>things</b> with <a href="https://go.dev">Go</a>.</p>`, 40)
	first, _ := Job(in)
	in.Prior = &Prior{Digests: first.HTMLDigests, HTML: []string{first.DescriptionHTML, first.ResponsibilitiesHTML,
		first.RequirementsHTML, first.NiceToHaveHTML, first.BenefitsHTML}}
	in.Job.SalaryMax = new(99000.0)
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
