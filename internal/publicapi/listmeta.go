package publicapi

import (
	"cmp"
	"net/http"
	"net/url"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
)

// pageInfo is what lists of jobs and providers share.
type pageInfo struct {
	page       int
	next, prev string
	total      int
	exact      bool
	sort       string
	search     string
	corrected  bool
}

// listMeta is the paging part of a list body.
type listMeta struct {
	Page       int    `json:"page"`
	PageSize   int    `json:"page_size"`
	Total      int    `json:"total"`
	TotalExact bool   `json:"total_exact"`
	Sort       string `json:"sort"`
	Search     string `json:"search,omitempty"`
	Corrected  bool   `json:"search_corrected,omitempty"`
	NextCursor string `json:"next_cursor,omitempty"`
	PrevCursor string `json:"prev_cursor,omitempty"`
	Links      links  `json:"links"`
}

// links are relative URLs of this page and its neighbours.
type links struct {
	Self string `json:"self"`
	Next string `json:"next,omitempty"`
	Prev string `json:"prev,omitempty"`
}

func newListMeta(r *http.Request, pi pageInfo, pageSize int) listMeta {
	pageSize = cmp.Or(pageSize, catalog.DefaultPageSize)
	m := listMeta{Page: pi.page, PageSize: pageSize, Total: pi.total, TotalExact: pi.exact, Sort: pi.sort,
		Search: pi.search, Corrected: pi.corrected, NextCursor: pi.next, PrevCursor: pi.prev}
	m.Links.Self = r.URL.RequestURI()
	if pi.next != "" {
		m.Links.Next = withCursor(r.URL, pi.next)
	}
	if pi.prev != "" {
		m.Links.Prev = withCursor(r.URL, pi.prev)
	}
	return m
}

// withCursor is the request's URL with its cursor replaced.
func withCursor(u *url.URL, cursor string) string {
	q := u.Query()
	q.Set("cursor", cursor)
	return u.Path + "?" + q.Encode()
}

// setLinkHeader adds RFC 8288 next/prev links for clients that page by header.
func setLinkHeader(w http.ResponseWriter, l links) {
	var parts []string
	if l.Next != "" {
		parts = append(parts, "<"+l.Next+`>; rel="next"`)
	}
	if l.Prev != "" {
		parts = append(parts, "<"+l.Prev+`>; rel="prev"`)
	}
	if len(parts) > 0 {
		w.Header().Set("Link", strings.Join(parts, ", "))
	}
}
