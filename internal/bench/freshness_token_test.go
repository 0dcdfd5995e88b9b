package bench

import (
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// The scan reads tokens as the regular expression it replaced does.
func TestFreshTokensReadAsTheExpression(t *testing.T) {
	re := regexp.MustCompile(`(?i)fresh[ -]e(\d+)[ -]t(\d+)[ -]v(\d+)`)
	bodies := []string{
		"", "fresh", "Fresh e1 t3 v17", "<loc>https://x/careers/jobs/9-fresh-e2-t0-v4/</loc>",
		`{"title":"Fresh e1 t3 v17"},{"title":"FRESH E1-T7-V0"}`, "refresh e1 t2 v3", "fresh e1 t2 v",
		"fresh e t2 v3", "fresh  e1 t2 v3", "fresh-e1-t2-v3x fresh e12 t34 v56", "ffresh e1 t1 v1resh e2 t2 v2",
		"fresh e1 t2 v99999999999999999999999", "fresh\te1 t2 v3", "fresh e1 t2 v3fresh e4 t5 v6",
	}
	for _, body := range bodies {
		var want []freshToken
		for _, m := range re.FindAllStringSubmatch(body, -1) {
			var tok freshToken
			var err error
			for i, n := range []*int{&tok.epoch, &tok.job, &tok.version} {
				if *n, err = strconv.Atoi(m[i+1]); err != nil {
					break
				}
			}
			if err == nil {
				want = append(want, tok)
			}
		}
		if got := freshTokens([]byte(body)); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", body, got, want)
		}
	}
}
