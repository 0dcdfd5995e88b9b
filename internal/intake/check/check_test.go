package check_test

import (
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/intake/check"
)

func TestEmail(t *testing.T) {
	good := []string{"a@b.co", "first.last+tag@example.com", "x_y@sub.example.org", "ü@exämple.de"}
	bad := []string{"", "a", "a@b", "@b.co", "a@.co", "a@b..co", "a@-b.co", "a b@c.co", "<a@b.co>", "A <a@b.co>",
		"a@b.co\n", "a@b.co,c@d.co", `"q"@b.co`, "a@b.co (comment)", "a@[127.0.0.1]", "a\x00@b.co", "a@b_c.co"}
	for _, v := range good {
		if err := check.Email("email", v); err != nil {
			t.Errorf("%q refused: %v", v, err)
		}
	}
	for _, v := range bad {
		if check.Email("email", v) == nil {
			t.Errorf("%q accepted", v)
		}
	}
}

// A one-line value holds no control character of any range.
func TestLine(t *testing.T) {
	good := []string{"221B Baker Street", "Zürich 8001", "東京都千代田区", "O'Brien & Sons — Unit 4"}
	bad := []string{"a\nb", "a\tb", "a\rb", "a\x1bb", "a\x7fb", "a\u0085b", "a\u009bb", "a\x00b", "\xff"}
	for _, v := range good {
		if err := check.Line("street_address", v, 0, 200); err != nil {
			t.Errorf("%q refused: %v", v, err)
		}
	}
	for _, v := range bad {
		if check.Line("street_address", v, 0, 200) == nil {
			t.Errorf("%q accepted", v)
		}
	}
}

func TestURL(t *testing.T) {
	good := []string{"", "https://example.com/a.png", "http://example.com:8080/x?y=1#z", "HTTPS://EXAMPLE.COM/"}
	bad := []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:image/png;base64,xx", "//example.com/x",
		"/local.png", "ftp://example.com/", "https://", "https:///path", "https://exa mple.com/", "https://example.com/\n",
		"https://example.com/" + strings.Repeat("a", 2000)}
	for _, v := range good {
		if err := check.URL("u", v, 2000); err != nil {
			t.Errorf("%q refused: %v", v, err)
		}
	}
	for _, v := range bad {
		if check.URL("u", v, 2000) == nil {
			t.Errorf("%q accepted", v)
		}
	}
}

func TestCurrency(t *testing.T) {
	for _, v := range []string{"USD", "EUR", "JPY", "CHF", "INR", "BRL", "XOF", "ZAR"} {
		if !check.IsCurrency(v) {
			t.Errorf("%s refused", v)
		}
	}
	// Well-formed but not currencies, retired codes, metals and test codes.
	for _, v := range []string{"ABC", "XXX", "XAU", "XTS", "DEM", "FRF", "usd", "US", "USDD", ""} {
		if check.IsCurrency(v) {
			t.Errorf("%s accepted", v)
		}
	}
}

func TestTextCountsCharactersNotBytes(t *testing.T) {
	if err := check.Text("f", strings.Repeat("日", 100), 0, 100); err != nil {
		t.Fatal(err)
	}
	if check.Text("f", strings.Repeat("日", 101), 0, 100) == nil {
		t.Fatal("101 characters accepted")
	}
}
