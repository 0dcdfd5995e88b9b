package projection

import (
	"slices"
	"testing"
)

// digestsOf is what html_digests holds for these raw inputs, in order.
func digestsOf(raws ...string) []byte {
	var b []byte
	for i, raw := range raws {
		d := htmlDigest(Version, i, raw)
		b = append(b, d[:]...)
	}
	return b
}

// priorOf is what the catalog would hand back for row, with its stored
// HTML replaced by marked text, so a test can tell reuse from sanitising.
func priorOf(row JobRow) *Prior {
	return &Prior{Digests: row.HTMLDigests, HTML: []string{"<p>kept 0</p>", "<p>kept 1</p>", "<p>kept 2</p>", "<p>kept 3</p>", "<p>kept 4</p>"}}
}

func TestUnchangedHTMLInputsTakeTheCatalogsOutput(t *testing.T) {
	first, _ := Job(publicJob())
	in := publicJob()
	in.Prior = priorOf(first)
	in.Job.Requirements = "<p>Go <script>x</script>and Rust</p>"
	in.Job.SalaryMax = new(95000.0)
	row, _ := Job(in)
	want := []string{"<p>kept 0</p>", "<p>kept 1</p>", "<p>Go and Rust</p>", "<p>kept 3</p>", "<p>kept 4</p>"}
	got := []string{row.DescriptionHTML, row.ResponsibilitiesHTML, row.RequirementsHTML, row.NiceToHaveHTML, row.BenefitsHTML}
	if !slices.Equal(got, want) {
		t.Errorf("HTML %q, want %q", got, want)
	}
	fresh := publicJob()
	fresh.Job.Requirements = in.Job.Requirements
	if fr, _ := Job(fresh); !slices.Equal(row.HTMLDigests, fr.HTMLDigests) {
		t.Error("the digests depend on whether the output was reused")
	}
}

func TestPriorThatDoesNotFitIsIgnored(t *testing.T) {
	first, _ := Job(publicJob())
	for name, p := range map[string]*Prior{
		"no digests":      {HTML: priorOf(first).HTML},
		"digests cut":     {Digests: first.HTMLDigests[:DigestSize*4], HTML: priorOf(first).HTML},
		"outputs missing": {Digests: first.HTMLDigests, HTML: priorOf(first).HTML[:4]},
		"fields swapped":  {Digests: append(slices.Clone(first.HTMLDigests[DigestSize:2*DigestSize]), first.HTMLDigests[DigestSize:]...), HTML: priorOf(first).HTML},
	} {
		in := publicJob()
		in.Prior = p
		row, _ := Job(in)
		if row.DescriptionHTML != first.DescriptionHTML {
			t.Errorf("%s: description %q, want it sanitised again (%q)", name, row.DescriptionHTML, first.DescriptionHTML)
		}
	}
}

func TestDigestCoversVersionAndField(t *testing.T) {
	if htmlDigest(Version, 0, "<p>x</p>") == htmlDigest(Version, 1, "<p>x</p>") {
		t.Error("one text in two fields has one digest")
	}
	if htmlDigest(Version, 0, "<p>x</p>") == htmlDigest(Version, 0, "<p>y</p>") {
		t.Error("two texts have one digest")
	}
	if htmlDigest(Version, 0, "<p>x</p>") == htmlDigest(Version+1, 0, "<p>x</p>") {
		t.Error("a new projection version would reuse the old outputs")
	}
}

func TestProviderBioReused(t *testing.T) {
	first, _ := Provider(publicProvider())
	in := publicProvider()
	in.Prior = &Prior{Digests: first.HTMLDigests, HTML: []string{"<p>kept</p>"}}
	in.Provider.Tagline = "New tagline"
	if row, _ := Provider(in); row.BioHTML != "<p>kept</p>" {
		t.Errorf("bio %q, want the catalog's", row.BioHTML)
	}
	in.Provider.Bio = "<p>New <em>bio</em></p>"
	if row, _ := Provider(in); row.BioHTML != "<p>New <em>bio</em></p>" {
		t.Errorf("changed bio %q", row.BioHTML)
	}
}
