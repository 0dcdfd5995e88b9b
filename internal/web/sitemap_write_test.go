package web

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"testing"
	"time"
)

// The shapes encoding/xml wrote sitemaps from, kept as the reference the
// hand-written sitemaps are held to.
type refURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []refLoc `xml:"url"`
}

type refSitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []refLoc `xml:"sitemap"`
}

type refLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func refSitemap(tags sitemapTags, base string, locs []sitemapLoc) []byte {
	refs := []refLoc{}
	for _, l := range locs {
		r := refLoc{Loc: base + l.path}
		if !l.mod.IsZero() {
			r.LastMod = l.mod.UTC().Format(time.RFC3339)
		}
		refs = append(refs, r)
	}
	var v any = refURLSet{URLs: refs}
	if tags == sitemapIndexTags {
		v = refSitemapIndex{Sitemaps: refs}
	}
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return out
}

func TestSitemapWrittenAsEncodingXMLWould(t *testing.T) {
	paris := time.FixedZone("Paris", 3600)
	hostile := []sitemapLoc{
		{"/careers/jobs/1-plain/", time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)},
		{"/careers/jobs/2-a&b<c>d\"e'f/", time.Date(2026, 1, 2, 3, 4, 5, 999, paris)},
		{"/x/\t\n\r\x01\x7f/", time.Time{}},
		{"/caf\u00e9/\xff\xfe/\u2028/", time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)},
		{"", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	cases := map[string][]sitemapLoc{"empty": nil, "one": hostile[:1], "hostile": hostile}
	for _, base := range []string{"https://jobs.example.test", "http://h&st<x>"} {
		for name, locs := range cases {
			for _, tags := range []sitemapTags{urlSetTags, sitemapIndexTags} {
				var b bytes.Buffer
				appendSitemap(&b, base, tags, len(locs), func(i int) sitemapLoc { return locs[i] })
				if want := refSitemap(tags, base, locs); !bytes.Equal(b.Bytes(), want) {
					t.Errorf("%s %s at %q:\n%s\nwant\n%s", tags.root, name, base, b.Bytes(), want)
				}
			}
		}
	}
}

func BenchmarkSitemapFile(b *testing.B) {
	locs := make([]sitemapLoc, 10000)
	for i := range locs {
		locs[i] = sitemapLoc{fmt.Sprintf("/careers/jobs/%d-senior-software-engineer-%d/", 100000+i, i), time.Unix(1.7e9+int64(i), 0)}
	}
	at := func(i int) sitemapLoc { return locs[i] }
	b.Run("written", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			appendSitemap(&buf, "https://jobs.example.test", urlSetTags, len(locs), at)
		}
	})
	b.Run("encoding/xml", func(b *testing.B) {
		for b.Loop() {
			refSitemap(urlSetTags, "https://jobs.example.test", locs)
		}
	})
}
