package domain_test

import (
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
)

func TestImageURLProblem(t *testing.T) {
	for u, ok := range map[string]bool{
		"": true, "https://cdn.example/a.png": true, "HTTPS://cdn.example/a.png": true, "/media/acme.png": true,
		"/static/logo.svg?v=2":     true,
		"http://cdn.example/a.png": false, "//cdn.example/a.png": false, "javascript:alert(1)": false,
		"data:image/png;base64,AAAA": false, "https://": false, "https://u:p@cdn.example/a.png": false,
		"https://cdn.example/a b.png": false, "/a\\b.png": false, "ftp://x/a.png": false, "logo.png": false,
		"https://cdn.example/" + strings.Repeat("a", 2000): false,
	} {
		if got := domain.ImageURLProblem(u); (got == "") != ok {
			t.Errorf("ImageURLProblem(%.40q) = %q, want ok=%v", u, got, ok)
		}
	}
	if p := domain.ImageURLProblem("http://cdn.example/a.png"); !strings.Contains(p, "https") {
		t.Errorf("the reason for http says nothing of https: %q", p)
	}
}
