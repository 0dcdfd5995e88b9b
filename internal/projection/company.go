package projection

import (
	"net/url"
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// CompanyRow is one public.company_catalog row as the projection decides
// it: the tenant's public name, slug and logo and its company profile. The
// tenant's schema name, status, API keys and times have no field here on
// purpose. Description is plain text: paragraphs separated by blank lines.
type CompanyRow struct {
	TenantID      int64    `db:"tenant_id"`
	SourceID      int64    `db:"source_id"`
	SourceVersion int64    `db:"source_version"`
	ContentHash   []byte   `db:"content_hash"`
	Name          string   `db:"name"`
	Slug          string   `db:"slug"`
	LogoURL       string   `db:"logo_url"`
	Description   string   `db:"description"`
	Website       string   `db:"website"`
	Industry      string   `db:"industry"`
	Size          string   `db:"company_size"`
	FoundedYear   *int     `db:"founded_year"`
	HQCity        string   `db:"hq_city"`
	HQCountry     string   `db:"hq_country"`
	SocialLinks   []string `db:"social_links"`
}

var companyColumns = columnsOf(CompanyRow{})

// CompanyColumns returns the company_catalog column names in the order
// Values uses.
func CompanyColumns() []string { return append([]string(nil), companyColumns...) }

// Values returns the row's column values in CompanyColumns order.
func (r CompanyRow) Values() []any { return valuesOf(r) }

// Hash computes the row's content hash from its current values.
func (r CompanyRow) Hash() []byte { return contentHash(companyColumns, r.Values()) }

// Company projects a tenant's company profile. A tenant that is not active
// has no company row, as it has no job or provider row: it returns
// ReasonTenantSuspended and a row holding only its identity.
func Company(tp domain.TenantProfile) (CompanyRow, Reason) {
	row := CompanyRow{TenantID: tp.ID, SourceID: tp.ID, SourceVersion: tp.Version}
	if !tp.Active() {
		return row, ReasonTenantSuspended
	}
	p := &tp.Profile
	row.Name, row.Slug, row.LogoURL = company(tp.Tenant)
	row.Description = paragraphs(p.Description, domain.MaxDescription)
	row.Website = webURL(p.Website, false)
	row.Industry = plainText(p.Industry, domain.MaxProfileText)
	if slices.Contains(domain.CompanySizes, p.Size) {
		row.Size = p.Size
	}
	if y := p.FoundedYear; y != nil && *y >= domain.MinFoundedYear && *y <= domain.MaxFoundedYear {
		row.FoundedYear = new(*y)
	}
	row.HQCity = plainText(p.HQCity, domain.MaxProfileText)
	row.HQCountry = plainText(p.HQCountry, domain.MaxProfileText)
	row.SocialLinks = socialLinks(p.SocialLinks)
	row.ContentHash = row.Hash()
	return row, Public
}

// paragraphs normalises multi-line plain text: each paragraph (separated by
// blank lines) becomes one line of plainText, and paragraphs are joined by
// one blank line, so no control character, stray whitespace or run of
// empty lines reaches a page. The result is cut to limit runes.
func paragraphs(s string, limit int) string {
	s = strings.ReplaceAll(strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\r\n", "\n"), "\r", "\n")
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		if p := plainText(para, limit); p != "" {
			out = append(out, p)
		}
	}
	return truncateRunes(strings.Join(out, "\n\n"), limit)
}

// webURL keeps an absolute http(s) URL with a host and no whitespace or
// control characters (https only when httpsOnly), and drops anything else:
// these become links, and javascript: or a relative path must never be one.
func webURL(raw string, httpsOnly bool) string {
	s := strings.TrimSpace(strings.ToValidUTF8(raw, ""))
	if s == "" || len(s) > domain.MaxProfileURL || strings.ContainsFunc(s, isBadURLRune) {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if httpsOnly {
			return ""
		}
	default:
		return ""
	}
	return s
}

// socialLinks keeps the distinct https links, at most MaxSocialLinks, in
// the tenant's order.
func socialLinks(in []string) []string {
	out := []string{}
	for _, raw := range in {
		if l := webURL(raw, true); l != "" && !slices.Contains(out, l) && len(out) < domain.MaxSocialLinks {
			out = append(out, l)
		}
	}
	return out
}
