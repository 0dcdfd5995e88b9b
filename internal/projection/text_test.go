package projection

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"empty", "", 10, ""},
		{"trim and collapse", " \t a \n\n b\r\n", 10, "a b"},
		{"NUL dropped", "a\x00b", 10, "ab"},
		{"invalid UTF-8 dropped", "a\xff\xfeb\xc3", 10, "ab"},
		{"control characters are spaces", "a\x01\x1fb\u0085c", 10, "a b c"},
		{"HTML kept as text", "<b>&amp;</b>", 20, "<b>&amp;</b>"},
		{"cut at rune count", "abcdef", 3, "abc"},
		{"multi-byte cut on rune boundary", "日本語テキスト", 3, "日本語"},
		{"emoji cut on rune boundary", "😀😀😀", 2, "😀😀"},
		{"cut leaves no trailing space", "ab cd", 3, "ab"},
		{"exact fit untouched", "héllo", 5, "héllo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plainText(tt.in, tt.limit)
			if got != tt.want {
				t.Errorf("plainText(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
			if !utf8.ValidString(got) || strings.ContainsRune(got, 0) {
				t.Errorf("invalid output %q", got)
			}
		})
	}
}

func TestCleanImageURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://cdn.example/a.png", "https://cdn.example/a.png"},
		{"https://cdn.example/a.png?x=1&y=2", "https://cdn.example/a.png?x=1&y=2"},
		{"http://cdn.example/a.png", ""}, // the site would not show it
		{"HTTPS://CDN.example/a.png", "HTTPS://CDN.example/a.png"},
		{"  https://cdn.example/a.png  ", "https://cdn.example/a.png"},
		{"", ""},
		{"javascript:alert(1)", ""},
		{"JaVaScRiPt:alert(1)", ""},
		{" javascript:alert(1)", ""},
		{"java\tscript:alert(1)", ""},
		{"data:image/png;base64,AAAA", ""},
		{"vbscript:msgbox(1)", ""},
		{"ftp://example.com/a.png", ""},
		{"//evil.example/a.png", ""},
		{"/static/a.png", "/static/a.png"}, // a path on the site: shown
		{"/\\evil.example/a.png", ""},
		{"a.png", ""},
		{"https://", ""},
		{"https://user:pass@evil.example/", ""},
		{"https://cdn.example/a b.png", ""},
		{"https://cdn.example/\x00.png", ""},
		{"https://cdn.example/" + strings.Repeat("a", 2000), ""},
		{"http://[::1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cleanImageURL(tt.in); got != tt.want {
				t.Errorf("cleanImageURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"", " a  b ", "日本語\x00\xff", "\u2028x\u00a0", strings.Repeat("é ", 30)} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, in string, limit int) {
		limit = max(limit%300, 0)
		got := plainText(in, limit)
		if !utf8.ValidString(got) || strings.ContainsRune(got, 0) || utf8.RuneCountInString(got) > limit ||
			strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Fatalf("plainText(%q, %d) = %q", in, limit, got)
		}
	})
}

func FuzzCleanImageURL(f *testing.F) {
	for _, s := range []string{"https://a.example/x", "javascript:alert(1)", " HTTP://a.b", "http:x", "data:,x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := strings.ToLower(cleanImageURL(in))
		relative := strings.HasPrefix(got, "/") && !strings.HasPrefix(got, "//")
		if got != "" && !strings.HasPrefix(got, "https://") && !relative {
			t.Fatalf("cleanImageURL(%q) = %q", in, got)
		}
	})
}
