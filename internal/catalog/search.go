package catalog

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// minPrefixLen is the shortest last word matched as a prefix.
const minPrefixLen = 3

// plainWord is a last search word that may safely become a prefix term of
// to_tsquery: letters and digits only, so it cannot carry tsquery syntax.
var plainWord = regexp.MustCompile(`^[\pL\pN]+$`)

// tsQuery returns the SQL for the tsquery of a visitor's search text.
// websearch_to_tsquery accepts anything a visitor types ("quoted phrases",
// or, -exclusions) without syntax errors. The last word also matches as a
// prefix, so results appear while a word is still being typed ("engin"
// finds engineers), unless it is part of quoted or excluded syntax or a
// complete word the catalog's headings use (vocab): "java" then means Java,
// not JavaScript too, and the index does an exact lookup instead of a
// prefix scan (half the cost for a common word).
func tsQuery(args *sqlArgs, text string, vocab *vocabulary) string {
	head, last := splitLastWord(text)
	if last == "" || vocab.has(strings.ToLower(last)) {
		return "websearch_to_tsquery('english', " + args.add(text) + ")"
	}
	// The prefix is tried stemmed and unstemmed: the stemmer shortens some
	// partial words past their word's stem ("analys" becomes "anali", no
	// prefix of "analyst"), and others only match once stemmed ("enginee"
	// is no prefix of the stem "engin" unless stemmed to it).
	p := args.add(last + ":*")
	return "(websearch_to_tsquery('english', " + args.add(head) + ") && (to_tsquery('english', " + p +
		") || to_tsquery('simple', " + p + ")))"
}

// splitLastWord returns the text before the last word and that word, or
// ("", "") when the last word cannot be a prefix term.
func splitLastWord(text string) (string, string) {
	if strings.Count(text, `"`)%2 == 1 {
		return "", ""
	}
	i := strings.LastIndexAny(text, " \t\n\r")
	head, last := text[:i+1], text[i+1:]
	// A prefix of one or two letters matches most of the catalog and would
	// make every keystroke a scan of it; such a word must match whole.
	if !plainWord.MatchString(last) || strings.EqualFold(last, "or") || utf8.RuneCountInString(last) < minPrefixLen {
		return "", ""
	}
	if strings.HasSuffix(strings.TrimSpace(head), `"`) && strings.Count(head, `"`)%2 == 1 {
		return "", ""
	}
	return head, last
}
