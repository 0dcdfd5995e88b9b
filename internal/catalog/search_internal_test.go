package catalog

import (
	"strings"
	"testing"
)

func TestLastWordIsAPrefixUnlessAKnownWordOrSyntax(t *testing.T) {
	vocab := newVocabulary([]string{"developer", "java"})
	cases := []struct {
		text   string
		prefix string // the prefix term, "" for none
	}{
		{"jav", "jav:*"}, {"senior jav", "jav:*"}, {"java", ""}, {"Java", ""}, {"senior java", ""},
		{`"java dev"`, ""}, {"java -dev", ""}, {"java or", ""}, {"c++", ""}, {"zürich", "zürich:*"}, {"a", ""}, {"senior ja", ""}, {"zü", ""}, {"züri", "züri:*"},
	}
	for _, c := range cases {
		var args sqlArgs
		sql := tsQuery(&args, c.text, vocab)
		got := ""
		if strings.Contains(sql, "(to_tsquery('english', $1)") {
			got = args[0].(string)
		}
		if got != c.prefix {
			t.Errorf("%q: prefix %q, want %q (sql %s, args %v)", c.text, got, c.prefix, sql, args)
		}
	}
	var args sqlArgs
	if sql := tsQuery(&args, "jav", nil); !strings.Contains(sql, "to_tsquery") {
		t.Errorf("no vocabulary loaded yet: %s", sql)
	}
}

func TestExcerpt(t *testing.T) {
	cases := map[string]string{
		"<p>Write <b>Go</b> &amp; SQL.</p>":    "Write Go & SQL.",
		"<p>a</p><p>b</p>":                     "a b",
		"<ul><li>one</li><li>two</li></ul>":    "one two",
		"<p>cut mid-tag <a href=\"https://exa": "cut mid-tag",
	}
	for in, want := range cases {
		if got := excerpt(in, 240); got != want {
			t.Errorf("excerpt(%q) = %q, want %q", in, got, want)
		}
	}
	long := "<p>" + strings.Repeat("word ", 100) + "</p>"
	if got := excerpt(long, 50); len([]rune(got)) > 51 || !strings.HasSuffix(got, "…") || strings.Contains(got, "wor…") {
		t.Errorf("long excerpt %q", got)
	}
}

func BenchmarkExcerpt(b *testing.B) {
	h := "<p>" + strings.Repeat("We are looking for a Senior Go Engineer &amp; friends. ", 11) + "</p>"
	h = h[:excerptSource]
	for b.Loop() {
		excerpt(h, excerptLen)
	}
}
