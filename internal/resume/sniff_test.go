package resume_test

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resume"
	"github.com/zumodra/zumodra/internal/testfactory"
)

func TestSniffAcceptsTheThreeFormats(t *testing.T) {
	for name, c := range map[string]struct {
		file []byte
		want string
	}{
		"pdf":  {testfactory.PDF(), resume.PDF},
		"docx": {testfactory.DOCX(t), resume.DOCX},
		"odt":  {testfactory.ODT(t), resume.ODT},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := resume.Sniff(c.file)
			if err != nil || got != c.want {
				t.Fatalf("Sniff = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestSniffRefusesWhatIsNoResume(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	bomb := append(testfactory.DOCXEntries(), testfactory.ZipEntry{Name: "word/media/zeros.bin", Body: make([]byte, 8<<20), Method: zip.Deflate})
	many := testfactory.DOCXEntries()
	for i := range 1000 {
		many = append(many, testfactory.ZipEntry{Name: "x/" + itoa(i), Method: zip.Store})
	}
	xlsxTypes := strings.ReplaceAll(testfactory.DOCXTypes, "wordprocessingml.document.main", "spreadsheetml.sheet.main")
	cases := map[string]struct {
		file []byte
		why  string
	}{
		"empty":             {nil, "empty"},
		"5 MB and one byte": {append(testfactory.PDF(), make([]byte, resume.MaxBytes+1-len(testfactory.PDF()))...), "at most 5 MB"},
		"renamed png":       {png, "PDF, DOCX or ODT"},
		"html":              {[]byte("<html><script>alert(1)</script></html>"), "PDF, DOCX or ODT"},
		"pdf header later":  {append([]byte(" "), testfactory.PDF()...), "PDF, DOCX or ODT"},
		"zip bomb":          {testfactory.Zip(t, bomb...), "zip bomb"},
		"too many entries":  {testfactory.Zip(t, many...), "entries"},
		"encrypted":         {testfactory.Zip(t, append(testfactory.DOCXEntries(), testfactory.ZipEntry{Name: "word/secret.xml", Body: []byte("x"), Method: zip.Deflate, Flags: 1})...), "encrypted"},
		"odd compression":   {testfactory.Zip(t, append(testfactory.DOCXEntries(), testfactory.ZipEntry{Name: "word/x.xml", Body: []byte("x"), Method: 12})...), "compression"},
		"repeated entry":    {testfactory.Zip(t, append(testfactory.DOCXEntries(), testfactory.DOCXEntries()[2])...), "unusual"},
		"truncated zip":     {testfactory.DOCX(t)[:200], "damaged"},
		"plain zip":         {testfactory.Zip(t, testfactory.ZipEntry{Name: "notes.txt", Body: []byte("hello"), Method: zip.Deflate}), "PDF, DOCX or ODT"},
		"xlsx as docx": {testfactory.Zip(t, testfactory.ZipEntry{Name: "[Content_Types].xml", Body: []byte(xlsxTypes), Method: zip.Deflate},
			testfactory.ZipEntry{Name: "word/document.xml", Body: []byte("<x/>"), Method: zip.Deflate}), "PDF, DOCX or ODT"},
		"docx without document": {testfactory.Zip(t, testfactory.DOCXEntries()[:2]...), "PDF, DOCX or ODT"},
		"odt mimetype compressed": {testfactory.Zip(t, testfactory.ZipEntry{Name: "mimetype", Body: []byte(resume.ODT), Method: zip.Deflate},
			testfactory.ODTEntries()[1]), "PDF, DOCX or ODT"},
		"odt mimetype not first": {testfactory.Zip(t, testfactory.ODTEntries()[1], testfactory.ODTEntries()[0]), "PDF, DOCX or ODT"},
		"spreadsheet mimetype": {testfactory.Zip(t, testfactory.ZipEntry{Name: "mimetype", Body: []byte("application/vnd.oasis.opendocument.spreadsheet"), Method: zip.Store},
			testfactory.ODTEntries()[1]), "PDF, DOCX or ODT"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := resume.Sniff(c.file)
			var de *domain.Error
			if err == nil || !asField(err, &de) || de.Field != "resume_file" || !strings.Contains(de.Message, c.why) {
				t.Fatalf("Sniff = %q, %v; want a resume_file error saying %q", got, err, c.why)
			}
		})
	}
}

// A bomb is refused from its central directory: Sniff never inflates it,
// so a declared gigabyte costs nothing. The test proves the refusal comes
// before any entry is read by giving the bomb a corrupt body.
func TestBombRefusedWithoutInflating(t *testing.T) {
	b := testfactory.Zip(t, append(testfactory.DOCXEntries(), testfactory.ZipEntry{Name: "word/media/zeros.bin", Body: make([]byte, 8<<20), Method: zip.Deflate})...)
	i := bytes.Index(b, []byte("word/media/zeros.bin")) + len("word/media/zeros.bin")
	corrupt := bytes.Clone(b)
	for k := i; k < i+64; k++ {
		corrupt[k] ^= 0xff
	}
	if _, err := resume.Sniff(corrupt); err == nil || !strings.Contains(err.Error(), "zip bomb") {
		t.Fatalf("Sniff = %v; want the bomb refused by its directory", err)
	}
}

func asField(err error, de **domain.Error) bool {
	e, ok := err.(*domain.Error)
	*de = e
	return ok
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"cv.pdf":                          "cv.pdf",
		"../../etc/passwd":                "passwd.pdf",
		`C:\Users\ada\My "best" CV.docx`:  "My _best_ CV.pdf",
		"cv\r\nX-Injected: 1":             "cv__X-Injected_ 1.pdf",
		"":                                "resume.pdf",
		"...":                             "resume.pdf",
		"Lebenslauf Müller.odt":           "Lebenslauf Müller.pdf",
		"a\u202egnp.pdf":                  "a_gnp.pdf",
		"bad\xffutf8.pdf":                 "badutf8.pdf",
		strings.Repeat("é", 300) + ".pdf": strings.Repeat("é", 98) + ".pdf",
	} {
		if got := resume.CleanName(in, resume.PDF); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := resume.CleanName("cv.pdf", resume.DOCX); got != "cv.docx" {
		t.Errorf("a DOCX named cv.pdf is offered as %q", got)
	}
}
