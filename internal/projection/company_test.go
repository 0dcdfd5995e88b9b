package projection

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
)

func companyInput() domain.TenantProfile {
	year := 2009
	return domain.TenantProfile{
		Tenant: domain.Tenant{ID: 7, Slug: "acme", Name: "Acme Corp", LogoURL: "https://cdn.example/acme.png",
			SchemaName: "tenant_acme_secret", Status: domain.TenantActive},
		Version: 3,
		Profile: domain.Profile{Description: "We build tools.\n\nSince 2009.", Website: "https://acme.example",
			Industry: "Software", Size: "51-200", FoundedYear: &year, HQCity: "Berlin", HQCountry: "DE",
			SocialLinks: []string{"https://github.com/acme"}},
	}
}

// The tenant row's private parts (its schema, status, keys, times) have no
// column, and no value of them reaches one.
func TestCompanyRowHoldsNothingPrivate(t *testing.T) {
	typ := reflect.TypeOf(CompanyRow{})
	for i := range typ.NumField() {
		col := typ.Field(i).Tag.Get("db")
		for _, private := range []string{"schema", "status", "key", "created", "updated", "email"} {
			if strings.Contains(col, private) {
				t.Errorf("company_catalog column %s looks private (%s)", col, private)
			}
		}
	}
	row, why := Company(companyInput())
	if why != Public {
		t.Fatalf("active tenant: %s", why)
	}
	for i, v := range row.Values() {
		if s := fmt.Sprintf("%v %s", deref(v), v); strings.Contains(s, "secret") {
			t.Errorf("value %d (%s) holds the schema name: %s", i, companyColumns[i], s)
		}
	}
	if row.TenantID != 7 || row.SourceID != 7 || row.Name != "Acme Corp" || row.Size != "51-200" || *row.FoundedYear != 2009 {
		t.Errorf("row %+v", row)
	}
	if !slices.Equal(row.ContentHash, row.Hash()) || len(row.ContentHash) == 0 {
		t.Error("content hash missing or stale")
	}
}

func TestSuspendedTenantHasNoCompanyRow(t *testing.T) {
	in := companyInput()
	in.Status = domain.TenantSuspended
	row, why := Company(in)
	if why != ReasonTenantSuspended || row.Name != "" || row.ContentHash != nil {
		t.Fatalf("suspended tenant: %s %+v", why, row)
	}
}

// Whatever a writer other than zumodra stored within the table's CHECKs,
// the row holds only what a page can show safely.
func TestCompanyProjectionCleansHostileValues(t *testing.T) {
	in := companyInput()
	huge := strings.Repeat("é", domain.MaxDescription+50)
	in.Profile.Description = "  One\x00 line\x1b[31m \xff\r\n\r\n\r\n\tTwo\u0085 \n\n\n\n" + huge
	in.Profile.Industry = "Soft\nware\x7f"
	in.Profile.Size = "lots"
	bad := 1700
	in.Profile.FoundedYear = &bad
	for _, tt := range []struct{ website, want string }{
		{"javascript:alert(1)", ""}, {"https://user:pw@acme.example", ""}, {"/relative", ""},
		{"https://acme.example/a b", ""}, {"http://acme.example", "http://acme.example"}, {" https://acme.example ", "https://acme.example"},
	} {
		in.Profile.Website = tt.website
		if row, _ := Company(in); row.Website != tt.want {
			t.Errorf("website %q became %q, want %q", tt.website, row.Website, tt.want)
		}
	}
	in.Profile.SocialLinks = []string{"http://x.com/acme", "https://x.com/acme", "https://x.com/acme", "data:text/html,hi",
		"https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4", "https://a.example/5", "https://a.example/6"}
	row, _ := Company(in)
	if !strings.HasPrefix(row.Description, "One line [31m\n\nTwo\n\néé") || !utf8.ValidString(row.Description) ||
		utf8.RuneCountInString(row.Description) > domain.MaxDescription {
		t.Errorf("description %.60q (%d runes)", row.Description, utf8.RuneCountInString(row.Description))
	}
	if row.Industry != "Soft ware" || row.Size != "" || row.FoundedYear != nil {
		t.Errorf("industry %q size %q year %v", row.Industry, row.Size, row.FoundedYear)
	}
	want := []string{"https://x.com/acme", "https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4", "https://a.example/5"}
	if !slices.Equal(row.SocialLinks, want) {
		t.Errorf("social links %v, want %v", row.SocialLinks, want)
	}
}
