package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

type tenantsUpdateCmd struct {
	app    *App
	slug   string
	params tenants.UpdateParams
}

// updateFlags are the text flags of tenants update and the field each sets.
func updateFlags(p *tenants.UpdateParams) []struct {
	name, usage string
	dst         **string
} {
	return []struct {
		name, usage string
		dst         **string
	}{
		{"name", "display name", &p.Name},
		{"logo-url", `logo: an https URL or a path on the site; "" removes it`, &p.LogoURL},
		{"description", "what the company does, plain text (blank lines separate paragraphs)", &p.Description},
		{"website", "the company's site, an http(s) URL", &p.Website},
		{"industry", "industry, such as Software", &p.Industry},
		{"size", "head count: " + domain.ProfileSizeText, &p.Size},
		{"headquarters-city", "city of the headquarters", &p.HQCity},
		{"headquarters-country", "country of the headquarters", &p.HQCountry},
	}
}

func newTenantsUpdateCommand(app *App) *cobra.Command {
	c := &tenantsUpdateCmd{app: app}
	var year int
	var links []string
	cmd := &cobra.Command{
		Use:   "update SLUG [--name NAME] [--logo-url URL] [--website URL] [profile flags]",
		Short: "Change a tenant's name, logo or company profile; its catalog rows follow",
		Long: `Change the fields given, leaving the others as they are; "" removes a text field and
--founded-year 0 the year. The logo is an https URL or a path on the site (/media/acme.png).
--social-link is repeatable and replaces the whole list (up to 6 https URLs; --social-link ""
empties it). The catalog follows within moments, as for a rename.`,
		Example: `  zumodra tenants update acme --name "Acme Inc" --logo-url https://cdn.example/acme.png
  zumodra tenants update acme --website https://acme.example --industry Software --size 51-200 \
    --founded-year 2009 --headquarters-city Berlin --headquarters-country DE \
    --social-link https://www.linkedin.com/company/acme --social-link https://github.com/acme
  zumodra tenants update acme --logo-url ""`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			for _, f := range updateFlags(&c.params) {
				if cmd.Flags().Changed(f.name) {
					v := cmd.Flags().Lookup(f.name).Value.String()
					*f.dst = &v
				}
			}
			if cmd.Flags().Changed("founded-year") {
				c.params.FoundedYear = &year
			}
			if cmd.Flags().Changed("social-link") {
				links = slices.DeleteFunc(links, func(l string) bool { return l == "" })
				c.params.SocialLinks = &links
			}
			return app.run(cmd.Context(), c)
		},
	}
	for _, f := range updateFlags(&c.params) {
		cmd.Flags().String(f.name, "", f.usage)
	}
	cmd.Flags().IntVar(&year, "founded-year", 0, "year the company was founded; 0 removes it")
	cmd.Flags().StringArrayVar(&links, "social-link", nil, "an https link to the company elsewhere (LinkedIn, X, GitHub...); repeatable")
	return cmd
}

func (c *tenantsUpdateCmd) Validate() error {
	if err := slugArg(c.slug); err != nil {
		return err
	}
	if c.params.Empty() {
		return errors.New("nothing to update: give --name, --logo-url or a profile flag (see --help)")
	}
	return c.params.Validate()
}

func (c *tenantsUpdateCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		tp, err := tenants.UpdateProfile(ctx, s.Pool, c.slug, 0, c.params)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "Updated tenant %s.\n", tp.Slug)
		printTenant(c.app.Stdout, tp.Tenant)
		printProfile(c.app.Stdout, tp.Profile)
		return nil
	})
}

// printProfile prints the company profile as its own aligned block.
func printProfile(w io.Writer, p domain.Profile) {
	tw := newTable(w)
	fmt.Fprintf(tw, "Website:\t%s\n", p.Website)
	fmt.Fprintf(tw, "Industry:\t%s\n", p.Industry)
	fmt.Fprintf(tw, "Size:\t%s\n", p.Size)
	year := ""
	if p.FoundedYear != nil {
		year = fmt.Sprint(*p.FoundedYear)
	}
	fmt.Fprintf(tw, "Founded:\t%s\n", year)
	fmt.Fprintf(tw, "Headquarters:\t%s\n", strings.Trim(p.HQCity+", "+p.HQCountry, ", "))
	fmt.Fprintf(tw, "Social links:\t%s\n", strings.Join(p.SocialLinks, " "))
	fmt.Fprintf(tw, "Description:\t%s\n", descriptionLine(p.Description))
	tw.Flush()
}

// descriptionLine shortens a description to one line of at most 60
// characters, for a terminal.
func descriptionLine(d string) string {
	line := strings.Join(strings.Fields(d), " ")
	if r := []rune(line); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return line
}
