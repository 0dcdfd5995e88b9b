package web

import (
	"net/url"
	"strings"
)

// values returns the non-empty values of a multi-valued parameter.
func values(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// withParam returns the listing URL for v with name set to value (removed
// when value is ""), always dropping the cursor and legacy page: any change
// of filters starts again at page one.
func withParam(path string, v url.Values, name, value string) string {
	c := cloneValues(v)
	c.Del("cursor")
	c.Del("page")
	c.Del(name)
	if value != "" {
		c.Set(name, value)
	}
	return listURL(path, c)
}

// withoutValue drops one value of a (possibly multi-valued) parameter.
func withoutValue(path string, v url.Values, name, value string) string {
	c := cloneValues(v)
	c.Del("cursor")
	c.Del("page")
	var keep []string
	for _, s := range c[name] {
		if s != value {
			keep = append(keep, s)
		}
	}
	c[name] = keep
	return listURL(path, c)
}

func cloneValues(v url.Values) url.Values {
	c := make(url.Values, len(v))
	for k, vs := range v {
		for _, s := range vs {
			if s != "" {
				c[k] = append(c[k], s)
			}
		}
	}
	return c
}

func listURL(path string, v url.Values) string {
	if q := v.Encode(); q != "" {
		return path + "?" + q
	}
	return path
}
