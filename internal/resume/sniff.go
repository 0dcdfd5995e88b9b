package resume

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// The types a résumé may have.
const (
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	ODT  = "application/vnd.oasis.opendocument.text"
)

// MaxBytes is the largest file taken: 5 MB.
const MaxBytes = 5 << 20

// Bounds of a DOCX or ODT archive, checked on its central directory without
// inflating anything: a real document has tens of entries that inflate to a
// few times its size; a zip bomb declares gigabytes or ratios of thousands.
const (
	maxEntries   = 1000
	maxUnpacked  = 64 << 20 // sum of the declared uncompressed sizes
	maxRatio     = 100      // uncompressed / compressed, for entries past ratioFloor
	ratioFloor   = 1 << 20  // small entries may compress well: XML does
	maxPeek      = 64 << 10 // the most read of an entry to tell the type
	docxMainPart = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)

const field = "resume_file"

var errNotAResume = domain.FieldError(field, "must be a PDF, DOCX or ODT file (its content, whatever its name says)")

// Sniff returns the type of a file from its content alone, or a field
// error on resume_file saying why it is refused.
func Sniff(b []byte) (string, error) {
	switch {
	case len(b) == 0:
		return "", domain.FieldError(field, "is empty")
	case len(b) > MaxBytes:
		return "", domain.FieldError(field, "must be at most 5 MB (%d bytes)", MaxBytes)
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return sniffZip(b)
	}
	return "", errNotAResume
}

// sniffZip tells a DOCX from an ODT by the entries the formats require,
// after refusing what no word processor writes: encryption, unusual
// compression, bombs.
func sniffZip(b []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", domain.FieldError(field, "is a damaged or unusual zip archive, not a DOCX or ODT file")
	}
	if err := checkArchive(zr.File); err != nil {
		return "", err
	}
	if isODT(zr.File) {
		return ODT, nil
	}
	if isDOCX(zr.File) {
		return DOCX, nil
	}
	return "", errNotAResume
}

func checkArchive(files []*zip.File) error {
	if len(files) == 0 || len(files) > maxEntries {
		return domain.FieldError(field, "is a zip archive with %d entries, not a DOCX or ODT file", len(files))
	}
	var total uint64
	seen := map[string]bool{}
	for _, f := range files {
		switch {
		case f.Flags&0x1 != 0:
			return domain.FieldError(field, "is encrypted: upload it without a password")
		case f.Method != zip.Store && f.Method != zip.Deflate:
			return domain.FieldError(field, "uses a compression word processors do not write")
		case seen[f.Name] || strings.HasPrefix(f.Name, "/") || strings.Contains(f.Name, "\\"):
			return domain.FieldError(field, "is an unusual zip archive (repeated or absolute entry names)")
		case f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > maxRatio*f.CompressedSize64:
			return domain.FieldError(field, "inflates far beyond its size (a zip bomb?)")
		}
		seen[f.Name] = true
		total += f.UncompressedSize64
		if total > maxUnpacked {
			return domain.FieldError(field, "inflates far beyond its size (a zip bomb?)")
		}
	}
	return nil
}

// isODT follows ODF 1.2 part 3, 3.3: the first entry is "mimetype",
// stored uncompressed, holding the media type and nothing else.
func isODT(files []*zip.File) bool {
	f := files[0]
	if f.Name != "mimetype" || f.Method != zip.Store {
		return false
	}
	b, ok := peek(f)
	return ok && string(b) == ODT
}

// isDOCX asks for the two parts every WordprocessingML package has, and a
// content-types part naming the main document as a word processing one, so
// a spreadsheet or presentation renamed .docx is refused.
func isDOCX(files []*zip.File) bool {
	var types *zip.File
	hasDocument := false
	for _, f := range files {
		switch f.Name {
		case "[Content_Types].xml":
			types = f
		case "word/document.xml":
			hasDocument = true
		}
	}
	if types == nil || !hasDocument {
		return false
	}
	b, ok := peek(types)
	return ok && bytes.Contains(b, []byte(docxMainPart))
}

// peek reads at most maxPeek bytes of an entry, whatever its header claims.
func peek(f *zip.File) ([]byte, bool) {
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxPeek))
	return b, err == nil
}
