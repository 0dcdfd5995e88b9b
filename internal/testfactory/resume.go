package testfactory

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// Résumé files for tests, built here as small as the formats allow, so a
// test shows what makes each one what it is.

// PDF is a minimal PDF document.
func PDF() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// ZipEntry is one entry of a test archive.
type ZipEntry struct {
	Name   string
	Body   []byte
	Method uint16 // zip.Store, zip.Deflate, or any other number (stored as is)
	Flags  uint16 // 0x1 marks the entry encrypted
}

// Zip writes an archive of entries, in order.
func Zip(t testing.TB, entries ...ZipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.Method != zip.Store && e.Method != zip.Deflate {
			w.RegisterCompressor(e.Method, func(out io.Writer) (io.WriteCloser, error) { return nopCloser{out}, nil })
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: e.Name, Method: e.Method, Flags: e.Flags})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(e.Body); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// DOCXTypes is the content-types part of a WordprocessingML package.
const DOCXTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ` +
	`ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

// DOCXEntries are the parts of a minimal DOCX, in the order Word writes them.
func DOCXEntries() []ZipEntry {
	return []ZipEntry{
		{Name: "[Content_Types].xml", Body: []byte(DOCXTypes), Method: zip.Deflate},
		{Name: "_rels/.rels", Body: []byte(`<Relationships/>`), Method: zip.Deflate},
		{Name: "word/document.xml", Body: []byte(`<w:document><w:body><w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p></w:body></w:document>`), Method: zip.Deflate},
	}
}

// DOCX is a minimal DOCX document.
func DOCX(t testing.TB) []byte { return Zip(t, DOCXEntries()...) }

// ODTEntries are the parts of a minimal ODT: the stored mimetype first.
func ODTEntries() []ZipEntry {
	return []ZipEntry{
		{Name: "mimetype", Body: []byte("application/vnd.oasis.opendocument.text"), Method: zip.Store},
		{Name: "content.xml", Body: []byte(`<office:document-content><office:body><office:text>Ada</office:text></office:body></office:document-content>`), Method: zip.Deflate},
		{Name: "META-INF/manifest.xml", Body: []byte(`<manifest:manifest/>`), Method: zip.Deflate},
	}
}

// ODT is a minimal ODT document.
func ODT(t testing.TB) []byte { return Zip(t, ODTEntries()...) }
