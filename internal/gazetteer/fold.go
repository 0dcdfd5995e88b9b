package gazetteer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letters are the Latin letters that do not decompose into a base letter
// and a mark, spelt as people type them without the keyboard for them.
var letters = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i",
}

// Fold is the form names are compared in: lower case, accents removed
// ("São Paulo" and "sao paulo" match), and any run of other characters
// (hyphens, apostrophes, dots, spaces) one space, so "Saint-Étienne"
// matches "saint etienne". It is the one comparison of the gazetteer, used
// to build its index and to read a query.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "")) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case letters[r] != "":
			space = writeWord(&b, space, letters[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			space = writeWord(&b, space, string(unicode.ToLower(r)))
		default:
			space = b.Len() > 0
		}
	}
	return b.String()
}

func writeWord(b *strings.Builder, space bool, s string) bool {
	if space {
		b.WriteByte(' ')
	}
	b.WriteString(s)
	return false
}

// ASCII is name without accents, case kept: GeoNames' "ascii name".
func ASCII(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case letters[r] != "":
			s := letters[r]
			if unicode.IsUpper(r) {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			b.WriteString(s)
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
