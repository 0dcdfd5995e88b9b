package resume

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

const maxName = 200

var extensions = map[string]string{PDF: ".pdf", DOCX: ".docx", ODT: ".odt"}

// CleanName is the name a file is offered under when downloaded: the last
// path element of what the client sent, without control, quote or
// separator characters, at most 200 bytes, ending in the extension of its
// sniffed type (a PDF called cv.docx is offered as cv.pdf).
func CleanName(name, contentType string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(`"*:<>?|;`, r) {
			return '_'
		}
		return r
	}, name)
	ext := extensions[contentType]
	base := strings.TrimSpace(strings.TrimSuffix(name, path.Ext(name)))
	base = strings.Trim(base, ". ")
	if base == "" {
		base = "resume"
	}
	for len(base)+len(ext) > maxName {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	return base + ext
}
