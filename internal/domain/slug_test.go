package domain

import (
	"strings"
	"testing"
)

func TestValidateSlug(t *testing.T) {
	cases := []struct {
		slug string
		ok   bool
	}{
		{"acme", true},
		{"democompany", true},
		{"a_1", true},
		{"abc" + strings.Repeat("x", 38), true}, // 41 characters: the longest allowed
		{"abc" + strings.Repeat("x", 39), false},
		{"ab", false},
		{"", false},
		{"Acme", false},
		{"1acme", false},
		{"_acme", false},
		{"acme-corp", false},
		{`a"; drop schema public; --`, false},
		{"acme; DROP TABLE tenants", false},
		{"acme\x00", false},
		{"acmé", false},
		{"аcme", false}, // Cyrillic а
		{"public", false},
		{"information_schema", false},
		{"pg_catalog", false},
		{"pg_toast", false},
		{"admin", false},
		{"careers", false},
	}
	for _, c := range cases {
		err := ValidateSlug(c.slug)
		if (err == nil) != c.ok {
			t.Errorf("ValidateSlug(%q) = %v, want ok=%v", c.slug, err, c.ok)
		}
		if err != nil && ErrorCode(err) != CodeInvalid {
			t.Errorf("ValidateSlug(%q) code %s, want invalid", c.slug, ErrorCode(err))
		}
	}
}

func TestErrorMessageHidesInternalErrors(t *testing.T) {
	if got := ErrorMessage(Errorf(CodeNotFound, "tenant %q not found", "x")); got != `tenant "x" not found` {
		t.Fatalf("got %q", got)
	}
	if got := ErrorMessage(&Error{Code: CodeInternal, Message: "boom"}); got != "boom" {
		t.Fatalf("got %q", got)
	}
	if got := ErrorMessage(errString("password=secret")); got != "internal error" {
		t.Fatalf("got %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"iOS Engineer (Swift)":       "ios-engineer-swift",
		"Café Manager (Zürich)":      "cafe-manager-zurich",
		"Data & Analytics":           "data-analytics",
		"  São Paulo  ":              "sao-paulo",
		"Señor Développeur Back-End": "senor-developpeur-back-end",
		"---":                        "",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// Slugify's shortcut for strings that are slugs already returns what the
// folding returns, over every string of up to four characters of an
// alphabet with dashes, letters, digits and what folding changes.
func TestSlugifyShortcutAgreesWithFolding(t *testing.T) {
	alphabet := []string{"a", "z", "0", "9", "-", "A", " ", "é", "--"}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		if got, want := Slugify(s), fold(s); got != want {
			t.Errorf("Slugify(%q) = %q, folding gives %q", s, got, want)
		}
		if depth == 4 {
			return
		}
		for _, c := range alphabet {
			walk(s+c, depth+1)
		}
	}
	walk("", 0)
}
