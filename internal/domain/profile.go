package domain

// CompanySizes are the head-count bands a company profile may name, in
// order; "" means not given.
var CompanySizes = []string{"1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"}

// Bounds of a company profile, enforced in Go and by the tenants table.
const (
	MaxDescription  = 5000
	MaxProfileText  = 100 // industry, headquarters city and country
	MaxSocialLinks  = 6
	MinFoundedYear  = 1800
	MaxFoundedYear  = 2100
	MaxProfileURL   = 2000
	ProfileSizeText = "1-10, 11-50, 51-200, 201-500, 501-1000, 1001-5000 or 5001+"
)

// Profile is a tenant's public company profile. Description is plain text.
type Profile struct {
	Description string   `json:"description"`
	Website     string   `json:"website"`
	Industry    string   `json:"industry"`
	Size        string   `json:"size"`
	FoundedYear *int     `json:"founded_year"`
	HQCity      string   `json:"headquarters_city"`
	HQCountry   string   `json:"headquarters_country"`
	SocialLinks []string `json:"social_links"`
}

// TenantProfile is a tenant with its profile and row version, as the
// profile's readers and writers see it.
type TenantProfile struct {
	Tenant
	Version int64
	Profile Profile
}
