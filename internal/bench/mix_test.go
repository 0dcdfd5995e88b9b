package bench

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
)

// TestSearchMixCoversTheQueryShapes checks the rotating mix is what the
// read-path figure claims: mixSize distinct, API-valid requests, with and
// without a search, 0 to 3 filters and every sort; the same seed gives the
// same mix. TestSuiteTiny sends the mix to a real server and counts non-2xx.
func TestSearchMixCoversTheQueryShapes(t *testing.T) {
	mix := searchMix(1, mixSize)
	if len(mix) != mixSize || !slices.Equal(mix, searchMix(1, mixSize)) {
		t.Fatalf("%d requests, or not deterministic", len(mix))
	}
	if slices.Equal(mix[:10], searchMix(2, 10)) {
		t.Errorf("seed ignored")
	}
	seen, sorts, filterCounts := map[string]bool{}, map[string]int{}, map[int]int{}
	searches := 0
	for _, raw := range mix {
		if seen[raw] {
			t.Fatalf("%q twice", raw)
		}
		seen[raw] = true
		p := filters.Strict(raw, filters.JobParams...)
		q := p.JobQuery()
		if err := p.Err(); err != nil {
			t.Fatalf("%q: %v", raw, err)
		}
		v, _ := url.ParseQuery(raw)
		sorts[v.Get("sort")]++
		n := 0
		for k := range v {
			if k != "q" && k != "sort" && k != "currency" {
				n++
			}
		}
		filterCounts[n]++
		if q.Search != "" {
			searches++
		}
	}
	for _, s := range append([]string{""}, catalog.JobSorts...) {
		if sorts[s] < mixSize/10 {
			t.Errorf("sort %q in %d requests", s, sorts[s])
		}
	}
	for n := 0; n <= 3; n++ {
		if filterCounts[n] < mixSize/10 {
			t.Errorf("%d filters in %d requests", n, filterCounts[n])
		}
	}
	if searches < mixSize/2 || searches == mixSize {
		t.Errorf("%d of %d requests search", searches, mixSize)
	}
}

func TestMisspellChangesOneWord(t *testing.T) {
	mix := searchMix(1, mixSize)
	typo := 0
	for _, raw := range mix {
		v, _ := url.ParseQuery(raw)
		q := v.Get("q")
		if strings.Contains(q, "enigneer") || strings.Contains(q, "enginer") || strings.Contains(q, "develoepr") {
			typo++
		}
	}
	if typo == 0 {
		t.Errorf("no misspelt engineer or developer among %d requests", len(mix))
	}
}

func TestMixScriptRotatesEveryRequest(t *testing.T) {
	s := mixScript("/careers/", []string{"q=go", "sort=newest"})
	for _, want := range []string{`"/careers/?q=go"`, `"/careers/?sort=newest"`, "request = function()", "setup = function(thread)"} {
		if !strings.Contains(s, want) {
			t.Errorf("script lacks %s:\n%s", want, s)
		}
	}
}
